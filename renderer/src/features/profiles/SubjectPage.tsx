import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { SubjectProfile } from '@shared/api/profiles';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { ACCOUNT_STATUS_COLOR, AttributeGrid, FilingName, FindingList, ProfileHeader, accountHref } from './parts';

export function SubjectPage({ identityKey }: { identityKey: string }) {
  const profile = useApiQuery(() => api.profiles.subject({ identityKey }), [identityKey], ['findings', 'filings']);
  return <QueryView query={profile}>{(p) => <SubjectView profile={p} />}</QueryView>;
}

function SubjectView({ profile: p }: { profile: SubjectProfile }) {
  const { t, i18n } = useTranslation('profiles');
  const latest = p.records[0];
  const names = [...new Set(p.records.map((r) => r.name))];
  const format = (n: number) => n.toLocaleString(i18n.language);
  return (
    <Stack gap="md">
      <ProfileHeader
        backHref="~/profiles?kind=subject"
        title={latest.name}
        titleTestId="subject-name"
        badge={<Badge variant="light">{latest.subjectTypeLabel}</Badge>}
        meta={
          <Text ff="monospace" size="sm" c="dimmed">
            {p.identityKey}
            {names.length > 1 ? ` · ${names.slice(1).join('、')}` : ''}
          </Text>
        }
        findingsHref={`~/findings?subject=${encodeURIComponent(p.identityKey)}`}
        findingsTestId="subject-findings-link"
      />

      <Card withBorder>
        <Title order={4} mb="sm">{t('subject.records')}</Title>
        <Table data-testid="subject-records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.filing')}</Table.Th>
              <Table.Th>{t('columns.subjectId')}</Table.Th>
              <Table.Th>{t('columns.name')}</Table.Th>
              <Table.Th>{t('columns.type')}</Table.Th>
              <Table.Th ta="right">{t('columns.accounts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.records.map((r) => (
              <Table.Tr key={`${r.filing.id}/${r.subjectId}`}>
                <Table.Td><FilingName filing={r.filing} /></Table.Td>
                <Table.Td ff="monospace" fz="sm">{r.subjectId}</Table.Td>
                <Table.Td fz="sm">{r.name}</Table.Td>
                <Table.Td fz="sm">{r.subjectTypeLabel}</Table.Td>
                <Table.Td ta="right" fz="sm">{format(r.accountCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('subject.accounts')}</Title>
          <Text size="sm" c="dimmed">{t('subject.accountsTotal', { count: p.accountsTotal })}</Text>
        </Group>
        <Table striped highlightOnHover data-testid="subject-accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.name')}</Table.Th>
              <Table.Th>{t('columns.accountId')}</Table.Th>
              <Table.Th>{t('columns.status')}</Table.Th>
              <Table.Th>{t('columns.category')}</Table.Th>
              <Table.Th ta="right">{t('columns.followers')}</Table.Th>
              <Table.Th ta="right">{t('columns.findings')}</Table.Th>
              <Table.Th>{t('columns.filing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.accounts.map((a) => (
              <Table.Tr key={`${a.filing.id}/${a.accountId}`} data-testid={`subject-account-${a.accountId}`}>
                <Table.Td>
                  <Anchor component={Link} href={accountHref(a.filing.id, a.accountId)} size="sm" fw={500}>
                    {a.displayName}
                  </Anchor>
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">{a.accountId}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={ACCOUNT_STATUS_COLOR[a.status] ?? 'gray'}>{a.statusLabel}</Badge>
                </Table.Td>
                <Table.Td fz="sm">{a.categoryLabel}</Table.Td>
                <Table.Td ta="right" fz="sm">{format(a.followers)}</Table.Td>
                <Table.Td ta="right">
                  {a.findingCount > 0 ? (
                    <Anchor component={Link} href={`~/findings?filing=${a.filing.id}&account=${encodeURIComponent(a.accountId)}`} size="sm" c="red">
                      {format(a.findingCount)}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">0</Text>
                  )}
                </Table.Td>
                <Table.Td><FilingName filing={a.filing} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      {p.findings.length > 0 && (
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('subject.findings')}</Title>
            <Text size="sm" c="dimmed">{t('account.findingsTotal', { count: p.findingsTotal })}</Text>
          </Group>
          <FindingList findings={p.findings} showFiling />
        </Card>
      )}

      <Card withBorder>
        <Title order={4} mb="sm">
          {t('subject.attributes', { filing: `#${latest.filing.id} ${latest.filing.platformName}` })}
        </Title>
        <AttributeGrid attributes={latest.attributes} testId="subject-attributes" />
      </Card>
    </Stack>
  );
}

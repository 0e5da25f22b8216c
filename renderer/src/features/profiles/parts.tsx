import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFlag3 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { FindingStatus } from '@shared/api/findings';
import { FINDING_STATUS_LABELS } from '@shared/api/findings';
import type { Attribute, FilingRef, FindingBrief } from '@shared/api/profiles';
import { ruleById, SEVERITY_LABELS, type Severity } from '@shared/domain/rules';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export const SEVERITY_COLOR: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'yellow', info: 'blue' };
export const STATUS_COLOR: Record<FindingStatus, string> = { pending: 'gray', confirmed: 'red', dismissed: 'teal', rectified: 'green' };
export const ACCOUNT_STATUS_COLOR: Record<string, string> = { active: 'green', banned: 'red', suspended: 'orange', closed: 'gray' };

export const accountHref = (filingId: number, accountId: string) => `~/profiles/account/${filingId}/${encodeURIComponent(accountId)}`;
export const subjectHref = (identityKey: string) => `~/profiles/subject/${encodeURIComponent(identityKey)}`;

export function FilingName({ filing }: { filing: FilingRef }) {
  const { t } = useTranslation('profiles');
  const { t: tc } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" span>
        {t('filingLabel', { id: filing.id, platform: filing.platformName, start: filing.periodStart, end: filing.periodEnd })}
      </Text>
      {filing.isSample && (
        <Badge size="xs" color="orange" variant="light">
          {tc('sampleBadge')}
        </Badge>
      )}
    </Group>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { i18n } = useTranslation();
  const label = SEVERITY_LABELS[severity];
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="light" size="sm">
      {i18n.language === 'en' ? label.en : label.zh}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="dot" size="sm">
      {FINDING_STATUS_LABELS[status]}
    </Badge>
  );
}

export function ruleTitle(ruleId: string, language: string): string {
  const rule = ruleById(ruleId);
  if (!rule) return ruleId;
  return language === 'en' ? rule.titleEn : rule.titleZh;
}

/** Label/value pairs in two columns; empty values show as a dash. */
export function AttributeGrid({ attributes, testId, columns = 2 }: { attributes: Attribute[]; testId?: string; columns?: 1 | 2 }) {
  return (
    <SimpleGrid cols={{ base: 1, md: columns }} spacing={0} verticalSpacing={0} data-testid={testId}>
      {attributes.map((a) => (
        <Group key={a.name} gap="xs" wrap="nowrap" py={3} align="flex-start" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="sm" c="dimmed" w={columns === 1 ? 150 : 124} style={{ flexShrink: 0 }}>
            {a.label}
          </Text>
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {a.value ?? '—'}
          </Text>
        </Group>
      ))}
    </SimpleGrid>
  );
}

/** Findings about a profile, each opening its detail on the findings desk. */
export function FindingList({ findings, showFiling }: { findings: FindingBrief[]; showFiling?: boolean }) {
  const { t, i18n } = useTranslation('profiles');
  return (
    <Table striped highlightOnHover data-testid="profile-findings">
      <Table.Tbody>
        {findings.map((f) => (
          <Table.Tr key={f.id} data-testid={`profile-finding-${f.id}`}>
            <Table.Td w={70}>
              <SeverityBadge severity={f.severity} />
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                <Anchor component={Link} href={`~/findings/${f.id}`} size="sm">
                  {ruleTitle(f.ruleId, i18n.language)}
                </Anchor>
                {f.title !== ruleTitle(f.ruleId, i18n.language) && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {f.title}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            {showFiling && <Table.Td w={60}>#{f.filingId}</Table.Td>}
            <Table.Td w={90}>
              <Text size="xs" c="dimmed">
                {t(`account.via.${f.via}`)}
              </Text>
            </Table.Td>
            <Table.Td w={90}>
              <StatusBadge status={f.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The head of a profile page: back to the search, the name with its badge, ids, and its findings. */
export function ProfileHeader(props: { backHref: string; title: string; titleTestId: string; badge: ReactNode; meta: ReactNode; findingsHref: string; findingsTestId: string }) {
  const { t } = useTranslation('profiles');
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <Anchor component={Link} href={props.backHref} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('back')}
          </Group>
        </Anchor>
        <Group gap="sm">
          <Title order={2} data-testid={props.titleTestId}>
            {props.title}
          </Title>
          {props.badge}
        </Group>
        {props.meta}
      </Stack>
      <Button component={Link} href={props.findingsHref} leftSection={<IconFlag3 size={16} />} variant="light" data-testid={props.findingsTestId}>
        {t('account.openFindings')}
      </Button>
    </Group>
  );
}

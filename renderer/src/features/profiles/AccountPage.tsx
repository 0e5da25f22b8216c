import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Tabs, Text, Timeline, Title } from '@mantine/core';
import type { AccountProfile, ContentRow } from '@shared/api/profiles';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { FollowerChart, WINDOW_ACTIONS } from './FollowerChart';
import { ACCOUNT_STATUS_COLOR, AttributeGrid, FilingName, FindingList, ProfileHeader, accountHref, subjectHref } from './parts';

export function AccountPage({ filingId, accountId }: { filingId: number; accountId: string }) {
  const profile = useApiQuery(() => api.profiles.account({ filingId, accountId }), [filingId, accountId], ['findings', 'filings']);
  return <QueryView query={profile}>{(p) => <AccountView profile={p} />}</QueryView>;
}

function Section({ title, children, extra, testId }: { title: string; children: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {extra}
      </Group>
      {children}
    </Card>
  );
}

function AccountView({ profile: p }: { profile: AccountProfile }) {
  const { t, i18n } = useTranslation('profiles');
  const findingsHref = `~/findings?filing=${p.filing.id}&account=${encodeURIComponent(p.accountId)}`;
  return (
    <Stack gap="md">
      <ProfileHeader
        backHref="~/profiles"
        title={p.displayName}
        titleTestId="account-name"
        badge={
          <Badge color={ACCOUNT_STATUS_COLOR[p.status] ?? 'gray'} variant="light">
            {p.statusLabel}
          </Badge>
        }
        meta={
          <Group gap="md">
            <Text ff="monospace" size="sm" c="dimmed">
              {p.accountId}
            </Text>
            <FilingName filing={p.filing} />
          </Group>
        }
        findingsHref={findingsHref}
        findingsTestId="account-findings-link"
      />

      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section title={t('account.attributes')}>
            <AttributeGrid attributes={p.attributes} testId="account-attributes" />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section title={t('account.subject')} testId="account-subject">
              {p.subject ? (
                <Stack gap={6}>
                  <Group gap="xs">
                    <Anchor component={Link} href={subjectHref(p.subject.identityKey)} fw={600} data-testid="account-subject-link">
                      {p.subject.name}
                    </Anchor>
                    <Badge variant="light" size="sm">
                      {p.subject.subjectTypeLabel}
                    </Badge>
                  </Group>
                  <Text size="sm" ff="monospace" c="dimmed">
                    {p.subject.subjectId} · {p.subject.identityKey}
                  </Text>
                  <Text size="sm">
                    {t('account.subjectAccounts', { count: p.subject.accountCount })} · {t('account.subjectFilings', { count: p.subject.filingCount })}
                  </Text>
                  <AttributeGrid columns={1} attributes={p.subject.attributes.filter((a) => !['subject_id', 'name', 'identity_key', 'subject_type'].includes(a.name))} />
                </Stack>
              ) : (
                <Text c="dimmed">{t('account.noSubject')}</Text>
              )}
            </Section>
            <Section title={t('account.findings')} extra={<Text size="sm" c="dimmed">{t('account.findingsTotal', { count: p.findingsTotal })}</Text>}>
              {p.findings.length === 0 ? <Text c="dimmed">{t('account.noFindings')}</Text> : <FindingList findings={p.findings} />}
              {p.findingsTotal > p.findings.length && (
                <Anchor component={Link} href={findingsHref} size="sm">
                  {t('account.more', { count: p.findingsTotal - p.findings.length })}
                </Anchor>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Section title={t('account.followers')} extra={<Text size="xs" c="dimmed">{t('account.shadedHint')}</Text>}>
            {p.followerSeries.length === 0 ? (
              <Text c="dimmed">{t('account.noSeries')}</Text>
            ) : (
              <FollowerChart series={p.followerSeries} enforcement={p.enforcement} language={i18n.language} valueLabel={t('account.series.followers')} />
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title={t('account.enforcement')} testId="account-enforcement">
            {p.enforcement.length === 0 ? (
              <Text c="dimmed">{t('account.noEnforcement')}</Text>
            ) : (
              <Timeline bulletSize={14} lineWidth={2} active={p.enforcement.length}>
                {p.enforcement.map((e) => (
                  <Timeline.Item key={e.actionId} color={WINDOW_ACTIONS[e.action] ? 'red' : 'gray'} title={`${e.actionLabel} · ${e.reasonLabel}`} data-testid={`enforcement-${e.actionId}`}>
                    <Text size="xs" c="dimmed">
                      {e.startAt} → {e.endAt ?? t('account.openEnded')}
                    </Text>
                    <Text size="xs" c={e.reported === false ? 'red' : 'dimmed'}>
                      {e.reported === null ? '' : e.reported ? t('account.reported') : t('account.notReported')}
                      {e.contentId ? ` · ${e.contentId}` : ''}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
            {p.enforcementTotal > p.enforcement.length && <Text size="sm" c="dimmed">{t('account.more', { count: p.enforcementTotal - p.enforcement.length })}</Text>}
          </Section>
        </Grid.Col>
      </Grid>

      <Card withBorder>
        <Tabs defaultValue="contents" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="contents">{t('account.tabs.contents', { count: p.contentsTotal })}</Tabs.Tab>
            <Tabs.Tab value="credentials">{t('account.tabs.credentials', { count: p.credentials.length })}</Tabs.Tab>
            <Tabs.Tab value="mcn">{t('account.tabs.mcn', { count: p.mcnContracts.length })}</Tabs.Tab>
            <Tabs.Tab value="identifiers">{t('account.tabs.identifiers', { count: p.identifiers.length })}</Tabs.Tab>
            <Tabs.Tab value="transfers">{t('account.tabs.transfers', { count: p.transfers.length })}</Tabs.Tab>
            <Tabs.Tab value="complaints">{t('account.tabs.complaints', { count: p.complaintsTotal })}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="contents" pt="sm">
            <ContentsTable filingId={p.filing.id} accountId={p.accountId} total={p.contentsTotal} />
          </Tabs.Panel>
          <Tabs.Panel value="credentials" pt="sm">
            {p.credentials.length === 0 ? <Text c="dimmed">{t('account.noRows')}</Text> : (
              <Stack gap="md">{p.credentials.map((c, i) => <AttributeGrid key={i} attributes={c} />)}</Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="mcn" pt="sm">
            <McnTable profile={p} />
          </Tabs.Panel>
          <Tabs.Panel value="identifiers" pt="sm">
            <IdentifierTable profile={p} />
          </Tabs.Panel>
          <Tabs.Panel value="transfers" pt="sm">
            <TransferTable profile={p} />
          </Tabs.Panel>
          <Tabs.Panel value="complaints" pt="sm">
            <ComplaintTable profile={p} />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  );
}

function ContentsTable({ filingId, accountId, total }: { filingId: number; accountId: string; total: number }) {
  const { t } = useTranslation('profiles');
  const [rows, setRows] = useState<ContentRow[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (after?: string) => {
    setLoading(true);
    try {
      const page = await api.profiles.contents({ filingId, accountId, limit: 50, cursor: after });
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (total > 0) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filingId, accountId, total]);
  if (total === 0) return <Text c="dimmed">{t('account.noRows')}</Text>;
  return (
    <Stack gap="sm">
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Table striped data-testid="account-contents">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>{t('account.contents.publishedAt')}</Table.Th>
            <Table.Th>{t('account.contents.title')}</Table.Th>
            <Table.Th w={100}>{t('account.contents.topic')}</Table.Th>
            <Table.Th>{t('account.contents.flags')}</Table.Th>
            <Table.Th>{t('account.contents.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.contentId}>
              <Table.Td fz="sm">{c.publishedAt}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>{c.title ?? c.contentId}</Text>
                {c.excerpt && <Text size="xs" c="dimmed" lineClamp={2}>{c.excerpt}</Text>}
              </Table.Td>
              <Table.Td fz="sm">{c.topicLabel}</Table.Td>
              <Table.Td>
                <Group gap={4}>{c.flags.map((f) => <Badge key={f} size="xs" variant="light">{f}</Badge>)}</Group>
              </Table.Td>
              <Table.Td fz="sm">{c.sourceLabel ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {cursor && (
        <Button variant="light" w="fit-content" loading={loading} onClick={() => void load(cursor)} data-testid="contents-more">
          {t('account.contents.more')}
        </Button>
      )}
    </Stack>
  );
}

function McnTable({ profile: p }: { profile: AccountProfile }) {
  const { t } = useTranslation('profiles');
  if (p.mcnContracts.length === 0) return <Text c="dimmed">{t('account.noRows')}</Text>;
  return (
    <Table data-testid="account-mcn">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('account.mcn.mcn')}</Table.Th>
          <Table.Th>{t('account.mcn.status')}</Table.Th>
          <Table.Th>{t('account.mcn.measures')}</Table.Th>
          <Table.Th>{t('account.mcn.signedAt')}</Table.Th>
          <Table.Th>{t('account.mcn.endedAt')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.mcnContracts.map((c) => (
          <Table.Tr key={`${c.mcnId}/${c.signedAt}`}>
            <Table.Td>
              <Anchor component={Link} href={`~/network?filing=${p.filing.id}&mcn=${encodeURIComponent(c.mcnId)}`} size="sm">
                {c.name ?? c.mcnId}
              </Anchor>
              <Text size="xs" c="dimmed" ff="monospace">{c.mcnId}</Text>
            </Table.Td>
            <Table.Td fz="sm">{c.statusLabel ?? '—'}</Table.Td>
            <Table.Td fz="sm">{c.measures ?? '—'}</Table.Td>
            <Table.Td fz="sm">{c.signedAt}</Table.Td>
            <Table.Td fz="sm">{c.endedAt ?? <Badge size="xs" variant="light" color="green">{t('account.mcn.current')}</Badge>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function IdentifierTable({ profile: p }: { profile: AccountProfile }) {
  const { t } = useTranslation('profiles');
  if (p.identifiers.length === 0) return <Text c="dimmed">{t('account.noRows')}</Text>;
  return (
    <Table data-testid="account-identifiers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>{t('account.identifiers.kind')}</Table.Th>
          <Table.Th>{t('account.identifiers.hash')}</Table.Th>
          <Table.Th>{t('account.identifiers.others')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.identifiers.map((i) => (
          <Table.Tr key={`${i.kind}/${i.valueHash}`} data-testid={`identifier-${i.kind}`}>
            <Table.Td fz="sm">{i.kindLabel}</Table.Td>
            <Table.Td fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{i.valueHash}</Table.Td>
            <Table.Td>
              {i.otherCount === 0 ? (
                <Text size="sm" c="dimmed">{t('account.identifiers.none')}</Text>
              ) : (
                <Stack gap={2}>
                  <Text size="sm" c="red">{t('account.identifiers.sharedWith', { count: i.otherCount })}</Text>
                  <Group gap={6}>
                    {i.others.map((o) => (
                      <Anchor key={o.accountId} component={Link} href={accountHref(p.filing.id, o.accountId)} size="sm">
                        {o.displayName}
                      </Anchor>
                    ))}
                    {i.otherCount > i.others.length && <Text size="sm" c="dimmed">…</Text>}
                  </Group>
                </Stack>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TransferTable({ profile: p }: { profile: AccountProfile }) {
  const { t } = useTranslation('profiles');
  if (p.transfers.length === 0) return <Text c="dimmed">{t('account.noRows')}</Text>;
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('yes') : t('no'));
  return (
    <Table data-testid="account-transfers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('account.transfers.from')}</Table.Th>
          <Table.Th>{t('account.transfers.to')}</Table.Th>
          <Table.Th>{t('account.transfers.appliedAt')}</Table.Th>
          <Table.Th>{t('account.transfers.approvedAt')}</Table.Th>
          <Table.Th>{t('account.transfers.effectiveAt')}</Table.Th>
          <Table.Th>{t('account.transfers.disclosed')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.transfers.map((x) => (
          <Table.Tr key={x.transferId}>
            <Table.Td fz="sm">{x.fromName ?? x.fromSubjectId}</Table.Td>
            <Table.Td fz="sm">{x.toName ?? x.toSubjectId}</Table.Td>
            <Table.Td fz="sm">{x.appliedAt ?? '—'}</Table.Td>
            <Table.Td fz="sm">{x.approvedAt ?? '—'}</Table.Td>
            <Table.Td fz="sm">{x.effectiveAt}</Table.Td>
            <Table.Td fz="sm">{yesNo(x.disclosed)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ComplaintTable({ profile: p }: { profile: AccountProfile }) {
  const { t } = useTranslation('profiles');
  if (p.complaints.length === 0) return <Text c="dimmed">{t('account.noRows')}</Text>;
  return (
    <Table data-testid="account-complaints">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('account.complaints.id')}</Table.Th>
          <Table.Th>{t('account.complaints.content')}</Table.Th>
          <Table.Th>{t('account.complaints.receivedAt')}</Table.Th>
          <Table.Th>{t('account.complaints.resolvedAt')}</Table.Th>
          <Table.Th>{t('account.complaints.outcome')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.complaints.map((c) => (
          <Table.Tr key={c.complaintId}>
            <Table.Td fz="sm" ff="monospace">{c.complaintId}</Table.Td>
            <Table.Td fz="sm" ff="monospace">{c.contentId ?? '—'}</Table.Td>
            <Table.Td fz="sm">{c.receivedAt}</Table.Td>
            <Table.Td fz="sm">{c.resolvedAt ?? <Badge size="xs" color="orange" variant="light">{t('account.complaints.open')}</Badge>}</Table.Td>
            <Table.Td fz="sm">{c.outcome ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {p.complaintsTotal > p.complaints.length && <Table.Caption>{t('account.more', { count: p.complaintsTotal - p.complaints.length })}</Table.Caption>}
    </Table>
  );
}

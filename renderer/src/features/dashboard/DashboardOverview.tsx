import { Anchor, Badge, Card, Grid, Group, Progress, RingProgress, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import type { DashboardOverview as Overview } from '@shared/api/dashboard';
import { FINDING_STATUSES, FINDING_STATUS_LABELS, type FindingStatus } from '@shared/api/findings';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@shared/domain/rules';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ruleTitle } from '../profiles/parts';

/** Mantine palette shades as CSS colours, so recharts and Mantine components agree. */
export const SEVERITY_FILL: Record<Severity, string> = { high: '#fa5252', medium: '#fd7e14', low: '#fcc419', info: '#4dabf7' };
export const STATUS_FILL: Record<FindingStatus, string> = { pending: '#adb5bd', confirmed: '#e64980', dismissed: '#20c997', rectified: '#40c057' };
const RULES_SHOWN = 15;

/** `/findings?filing=…&rule=…`: the findings desk filtered as the clicked figure. */
export function findingsHref(filingId: number | null, filter: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filingId !== null) params.set('filing', String(filingId));
  for (const [key, value] of Object.entries(filter)) params.set(key, value);
  return `/findings?${params.toString()}`;
}

export function DashboardOverview({ overview: o }: { overview: Overview }) {
  const { t, i18n } = useTranslation('dashboard');
  const [, navigate] = useLocation();
  const format = (n: number) => n.toLocaleString(i18n.language);
  const percent = o.total === 0 ? 0 : Math.round((o.reviewed / o.total) * 1000) / 10;
  const severityLabel = (s: Severity) => (i18n.language === 'en' ? SEVERITY_LABELS[s].en : SEVERITY_LABELS[s].zh);
  const rules = o.byRule.slice(0, RULES_SHOWN).map((r) => ({ ...r, label: ruleTitle(r.ruleId, i18n.language) }));

  return (
    <Stack gap="md" data-testid="dashboard-overview">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('stats.total')} value={format(o.total)} href={findingsHref(o.filingId)} testId="stat-total" />
        <Stat label={t('stats.pending')} value={format(o.byStatus.pending ?? 0)} href={findingsHref(o.filingId, { status: 'pending' })} testId="stat-pending" />
        <Card withBorder padding="md" data-testid="stat-progress">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Text size="sm" c="dimmed">{t('stats.progress')}</Text>
              <Text fw={700} size="xl">{percent}%</Text>
              <Text size="xs" c="dimmed">{t('stats.progressDetail', { reviewed: format(o.reviewed), total: format(o.total) })}</Text>
            </Stack>
            <RingProgress size={64} thickness={8} sections={FINDING_STATUSES.filter((s) => s !== 'pending').map((s) => ({ value: o.total ? ((o.byStatus[s] ?? 0) / o.total) * 100 : 0, color: STATUS_FILL[s] }))} />
          </Group>
        </Card>
        <Stat label={t('stats.high')} value={format(o.bySeverity.high ?? 0)} href={findingsHref(o.filingId, { severity: 'high' })} color="red" testId="stat-high" />
      </SimpleGrid>

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="sm">{t('charts.severity')}</Title>
            <SegmentBar
              testId="severity-breakdown"
              total={o.total}
              items={SEVERITIES.map((s) => ({ key: s, label: severityLabel(s), value: o.bySeverity[s] ?? 0, color: SEVERITY_FILL[s], href: findingsHref(o.filingId, { severity: s }) }))}
              format={format}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="sm">{t('charts.status')}</Title>
            <SegmentBar
              testId="status-breakdown"
              total={o.total}
              items={FINDING_STATUSES.map((s) => ({ key: s, label: FINDING_STATUS_LABELS[s], value: o.byStatus[s] ?? 0, color: STATUS_FILL[s], href: findingsHref(o.filingId, { status: s }) }))}
              format={format}
            />
          </Card>
        </Grid.Col>
      </Grid>

      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('charts.rule')}</Title>
          <Text size="xs" c="dimmed">{t('charts.ruleHint')}</Text>
        </Group>
        <div style={{ width: '100%', height: Math.max(160, rules.length * 26 + 30) }} data-testid="rule-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rules} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="label" width={240} fontSize={12} interval={0} tickFormatter={(label: string) => (label.length > 17 ? `${label.slice(0, 16)}…` : label)} />
              <Tooltip formatter={(v) => [format(Number(v)), t('charts.count')]} cursor={{ fillOpacity: 0.1 }} />
              <Bar dataKey="total" cursor="pointer" isAnimationActive={false} onClick={(entry) => navigate(findingsHref(o.filingId, { rule: (entry.payload as { ruleId: string }).ruleId }))}>
                {rules.map((r) => (
                  <Cell key={r.ruleId} fill={SEVERITY_FILL[r.severity]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        {/* The same figures as links: reachable by keyboard and screen reader, and every rule, not only the longest bars. */}
        <Group gap={6} mt="xs" data-testid="rule-links">
          {o.byRule.map((r) => (
            <Anchor key={r.ruleId} component={Link} href={findingsHref(o.filingId, { rule: r.ruleId })} size="xs" data-testid={`rule-link-${r.ruleId}`}>
              {ruleTitle(r.ruleId, i18n.language)} {format(r.total)}
            </Anchor>
          ))}
        </Group>
      </Card>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="sm">{t('top.accounts')}</Title>
            {o.topAccounts.length === 0 ? <Text c="dimmed" size="sm">{t('top.none')}</Text> : (
              <Table data-testid="top-accounts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('top.account')}</Table.Th>
                    <Table.Th ta="right">{t('top.total')}</Table.Th>
                    <Table.Th ta="right">{t('top.pending')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.topAccounts.map((a) => (
                    <Table.Tr key={`${a.filingId}/${a.accountId}`}>
                      <Table.Td>
                        <Anchor component={Link} href={`/profiles/account/${a.filingId}/${encodeURIComponent(a.accountId)}`} size="sm">
                          {a.displayName ?? a.accountId}
                        </Anchor>
                        <Text span size="xs" c="dimmed" ml={6} ff="monospace">{o.filingId === null ? `#${a.filingId} ` : ''}{a.accountId}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Anchor component={Link} href={`/findings?filing=${a.filingId}&account=${encodeURIComponent(a.accountId)}`} size="sm">{format(a.total)}</Anchor>
                      </Table.Td>
                      <Table.Td ta="right" fz="sm">{format(a.pending)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="sm">{t('top.mcns')}</Title>
            {o.topMcns.length === 0 ? <Text c="dimmed" size="sm">{t('top.none')}</Text> : (
              <Table data-testid="top-mcns">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('top.mcn')}</Table.Th>
                    <Table.Th ta="right">{t('top.total')}</Table.Th>
                    <Table.Th ta="right">{t('top.accountFindings')}</Table.Th>
                    <Table.Th ta="right">{t('top.ownFindings')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.topMcns.map((m) => (
                    <Table.Tr key={`${m.filingId}/${m.mcnId}`}>
                      <Table.Td>
                        <Anchor component={Link} href={`/network?filing=${m.filingId}&mcn=${encodeURIComponent(m.mcnId)}`} size="sm">
                          {m.name ?? m.mcnId}
                        </Anchor>
                        <Text span size="xs" c="dimmed" ml={6} ff="monospace">{o.filingId === null ? `#${m.filingId} ` : ''}{m.mcnId}</Text>
                      </Table.Td>
                      <Table.Td ta="right" fz="sm" fw={600}>{format(m.total)}</Table.Td>
                      <Table.Td ta="right" fz="sm">{format(m.accountFindings)}</Table.Td>
                      <Table.Td ta="right" fz="sm">{format(m.ownFindings)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Stat({ label, value, href, color, testId }: { label: string; value: string; href: string; color?: string; testId: string }) {
  return (
    <Card withBorder padding="md" component={Link} href={href} data-testid={testId}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={700} size="xl" c={color}>{value}</Text>
    </Card>
  );
}

/** One bar split by share, with a legend whose entries open the findings of that segment. */
function SegmentBar({ items, total, format, testId }: {
  items: { key: string; label: string; value: number; color: string; href: string }[];
  total: number;
  format: (n: number) => string;
  testId: string;
}) {
  const [, navigate] = useLocation();
  return (
    <Stack gap="sm" data-testid={testId}>
      <Progress.Root size={22}>
        {items.filter((i) => i.value > 0).map((i) => (
          <Progress.Section key={i.key} value={total ? (i.value / total) * 100 : 0} color={i.color} style={{ cursor: 'pointer' }} onClick={() => navigate(i.href)} aria-hidden>
            <Progress.Label>{i.value}</Progress.Label>
          </Progress.Section>
        ))}
      </Progress.Root>
      <SimpleGrid cols={2} spacing={4}>
        {items.map((i) => (
          <UnstyledButton key={i.key} component={Link} href={i.href} data-testid={`${testId}-${i.key}`}>
            <Group gap={8} wrap="nowrap">
              <Badge color={i.color} variant="filled" size="xs" circle> </Badge>
              <Text size="sm">{i.label}</Text>
              <Text size="sm" fw={600} ml="auto">{format(i.value)}</Text>
              <Text size="xs" c="dimmed" w={48} ta="right">{total ? `${Math.round((i.value / total) * 100)}%` : '—'}</Text>
            </Group>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

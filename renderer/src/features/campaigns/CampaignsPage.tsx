import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Card, ColorSwatch, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCopy, IconEdit, IconFileSpreadsheet, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CampaignStats, CampaignView } from '@shared/api/campaigns';
import { ENFORCEMENT_ACTION_LABELS, ENFORCEMENT_ACTIONS } from '@shared/domain/campaigns';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ExportNotice, exportAndDeliver, type DeliveredExport } from '../../components/ExportNotice';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { CampaignEditor } from './CampaignEditor';

const COLORS = ['red.6', 'orange.6', 'grape.6', 'blue.6', 'teal.6', 'cyan.6', 'lime.6', 'pink.6', 'indigo.6', 'yellow.6'];

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const campaigns = useApiQuery(() => api.campaigns.list(), [], ['campaigns']);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<CampaignView | 'new' | null>(null);
  const [exported, setExported] = useState<DeliveredExport | null>(null);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = campaigns.data ?? [];
  const current = list.find((c) => c.id === selected) ?? list[0] ?? null;
  useEffect(() => setExported(null), [current?.id]);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function exportWorkbook(c: CampaignView) {
    setExporting(true);
    await run(async () => setExported(await exportAndDeliver(() => api.campaigns.export({ id: c.id }))));
    setExporting(false);
  }

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('actions.create')}
          </Button>
        }
      />
      {error && (
        <Alert color="red" mb="md" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <QueryView query={campaigns}>
        {() =>
          current === null ? (
            <EmptyState title={t('empty.title')} body={t('empty.body')} />
          ) : (
            <Stack gap="md">
              <Group justify="space-between" align="flex-end">
                <Group align="flex-end">
                  <Select
                    label={t('choose')}
                    data={list.map((c) => ({ value: String(c.id), label: `${c.code} · ${c.name}` }))}
                    value={String(current.id)}
                    onChange={(v) => v && setSelected(Number(v))}
                    allowDeselect={false}
                    w={420}
                    data-testid="campaign-select"
                  />
                  <Stack gap={2}>
                    <Group gap={6}>
                      {current.builtin && <Badge variant="light">{t('builtin')}</Badge>}
                      {current.issuer && <Badge variant="outline">{current.issuer}</Badge>}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('window', { start: current.windowStart, end: current.windowEnd })} ·{' '}
                      {current.scope.filings.length > 0
                        ? t('scopeFilings', { count: current.scope.filings.length })
                        : current.scope.platforms.length > 0
                          ? t('scopePlatforms', { list: current.scope.platforms.join('、') })
                          : t('scopeAll')}
                    </Text>
                  </Stack>
                </Group>
                <Group gap="xs">
                  <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(current)}>
                    {t('actions.edit')}
                  </Button>
                  <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => void run(async () => setSelected((await api.campaigns.duplicate({ id: current.id })).id))}>
                    {t('actions.duplicate')}
                  </Button>
                  <Button
                    variant="default"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => window.confirm(t('confirmRemove', { name: current.name })) && void run(async () => (await api.campaigns.remove({ id: current.id }), setSelected(null)))}
                  >
                    {t('actions.remove')}
                  </Button>
                  <Button leftSection={<IconFileSpreadsheet size={16} />} loading={exporting} onClick={() => void exportWorkbook(current)}>
                    {t('actions.export')}
                  </Button>
                </Group>
              </Group>
              {exported && <ExportNotice key={exported.exportId} delivered={exported} />}
              <CampaignDashboard campaign={current} />
            </Stack>
          )
        }
      </QueryView>
      {editing && (
        <CampaignEditor
          campaign={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setSelected(c.id);
          }}
        />
      )}
    </>
  );
}

function CampaignDashboard({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation('campaigns');
  const stats = useApiQuery(() => api.campaigns.stats({ id: campaign.id }), [campaign.id, campaign.updatedAt], ['campaigns', 'findings', 'filings']);
  return (
    <QueryView query={stats}>
      {(s) => (s.filings.length === 0 ? <EmptyState title={t('noFilings.title')} body={t('noFilings.body')} /> : <StatsView stats={s} />)}
    </QueryView>
  );
}

function StatsView({ stats: s }: { stats: CampaignStats }) {
  const { t } = useTranslation('campaigns');
  const cats = s.campaign.categories;
  const label = (code: string) => {
    const c = cats.find((x) => x.code === code);
    return c ? `${c.code}. ${c.name}` : code;
  };
  const findingsHref = (filter: { category?: string; platform?: string }) =>
    `~/findings?${new URLSearchParams({ campaign: String(s.campaign.id), ...(filter.category ? { category: filter.category } : {}), ...(filter.platform ? { platform: filter.platform } : {}) }).toString()}`;

  const byPlatform = s.platforms.map((p) => ({
    platform: p.platformName,
    ...Object.fromEntries(cats.map((c) => [label(c.code), s.cells.find((x) => x.platformId === p.platformId && x.category === c.code)?.findings ?? 0])),
  }));
  const weekly = s.weeks.map((w) => ({ week: `第${w.week}周`, [t('charts.findings')]: w.findings, [t('charts.actions')]: w.actions }));
  const actionTotals = ENFORCEMENT_ACTIONS.map((a) => {
    const rows = s.actionsByType.filter((x) => x.action === a);
    return { action: ENFORCEMENT_ACTION_LABELS[a], accounts: rows.reduce((n, x) => n + x.accounts, 0), actions: rows.reduce((n, x) => n + x.actions, 0) };
  }).filter((x) => x.actions > 0);

  const totals: [string, number][] = [
    [t('totals.findings'), s.totals.findings],
    [t('totals.confirmed'), s.totals.confirmed],
    [t('totals.rectified'), s.totals.rectified],
    [t('totals.accounts'), s.totals.accounts],
    [t('totals.actions'), s.totals.actions],
    [t('totals.typical'), s.typicalCases],
    [t('totals.filings'), s.filings.length],
  ];

  const countLink = (n: number, filter: { category?: string; platform?: string }) =>
    n === 0 ? (
      <Text span c="dimmed">
        0
      </Text>
    ) : (
      <Anchor component={Link} href={findingsHref(filter)}>
        {n}
      </Anchor>
    );

  return (
    <Stack gap="md" data-testid="campaign-dashboard">
      <SimpleGrid cols={{ base: 3, sm: 4, lg: 7 }} spacing="sm">
        {totals.map(([name, value]) => (
          <Paper key={name} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              {name}
            </Text>
            <Text fw={700} size="xl" data-testid={`total-${name}`}>
              {value.toLocaleString()}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <Card withBorder padding="sm">
          <Title order={5} mb="xs">
            {t('charts.byPlatform')}
          </Title>
          <BarChart
            h={210}
            data={byPlatform}
            dataKey="platform"
            type="stacked"
            yAxisProps={{ allowDecimals: false }}
            series={cats.map((c, i) => ({ name: label(c.code), color: COLORS[i % COLORS.length] }))}
          />
          {/* The category names are long: a wrapping legend of our own instead of recharts' fixed-height one. */}
          <Group gap={8} mt={6}>
            {cats.map((c, i) => (
              <Group key={c.code} gap={4} wrap="nowrap">
                <ColorSwatch color={`var(--mantine-color-${COLORS[i % COLORS.length].replace('.', '-')})`} size={10} />
                <Text size="xs">{label(c.code)}</Text>
              </Group>
            ))}
          </Group>
        </Card>
        <Card withBorder padding="sm">
          <Title order={5} mb="xs">
            {t('charts.weekly')}
          </Title>
          <LineChart
            h={260}
            data={weekly}
            dataKey="week"
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 40 }}
            yAxisProps={{ allowDecimals: false }}
            curveType="linear"
            series={[
              { name: t('charts.findings'), color: 'red.6' },
              { name: t('charts.actions'), color: 'blue.6' },
            ]}
          />
        </Card>
        <Card withBorder padding="sm">
          <Title order={5} mb="xs">
            {t('charts.actionTypes')}
          </Title>
          <BarChart h={260} data={actionTotals} dataKey="action" orientation="vertical" yAxisProps={{ width: 90 }} xAxisProps={{ allowDecimals: false }} series={[{ name: 'accounts', label: t('totals.accounts'), color: 'teal.6' }]} />
        </Card>
      </SimpleGrid>
      <Card withBorder padding="sm">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('table.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('table.hint')}（{t('table.counts')}）
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={800}>
          <Table striped withTableBorder withColumnBorders data-testid="campaign-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('table.platform')}</Table.Th>
                {cats.map((c) => (
                  <Table.Th key={c.code}>{label(c.code)}</Table.Th>
                ))}
                <Table.Th>{t('table.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.platforms.map((p) => {
                const total = s.platformTotals.find((x) => x.platformId === p.platformId)!;
                return (
                  <Table.Tr key={p.platformId}>
                    <Table.Td>
                      {p.platformName}{' '}
                      <Text span size="xs" c="dimmed">
                        {p.platformId}
                      </Text>
                    </Table.Td>
                    {cats.map((c) => {
                      const x = s.cells.find((y) => y.platformId === p.platformId && y.category === c.code)!;
                      return (
                        <Table.Td key={c.code}>
                          {countLink(x.findings, { category: c.code, platform: p.platformId })} / {x.confirmed} / {x.accounts}
                        </Table.Td>
                      );
                    })}
                    <Table.Td>
                      {countLink(total.findings, { platform: p.platformId })} / {total.confirmed} / {total.accounts}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              <Table.Tr fw={700}>
                <Table.Td>{t('table.total')}</Table.Td>
                {s.categoryTotals.map((x) => (
                  <Table.Td key={x.category}>
                    {countLink(x.findings, { category: x.category })} / {x.confirmed} / {x.accounts}
                  </Table.Td>
                ))}
                <Table.Td>
                  {countLink(s.totals.findings, {})} / {s.totals.confirmed} / {s.totals.accounts}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder padding="sm">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('table.actionsTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('table.actionCount')}
          </Text>
        </Group>
        <Table striped withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('table.platform')}</Table.Th>
              {cats.map((c) => (
                <Table.Th key={c.code}>{label(c.code)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.platforms.map((p) => (
              <Table.Tr key={p.platformId}>
                <Table.Td>{p.platformName}</Table.Td>
                {cats.map((c) => {
                  const x = s.actionsByCategory.find((y) => y.platformId === p.platformId && y.category === c.code)!;
                  return (
                    <Table.Td key={c.code}>
                      {x.actions} / {x.accounts}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

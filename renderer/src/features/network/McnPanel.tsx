import { BarChart } from '@mantine/charts';
import { Badge, Group, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McnStat } from '@shared/api/network';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { SEVERITY_COLORS } from './graph-model';

type SortKey = 'name' | 'signedAccounts' | 'followers' | 'accountsWithActions' | 'findings';
const CHART_TOP = 12;

export function McnPanel({ filingId, selected, onOpen }: { filingId: number; selected: string | null; onOpen(mcnId: string): void }) {
  const query = useApiQuery(() => api.network.mcn({ filingId }), [filingId], ['network', 'findings']);
  return <QueryView query={query}>{(data) => <McnTable items={data.items} selected={selected} onOpen={onOpen} />}</QueryView>;
}

/** Sorting and filtering in the page: a filing has hundreds of MCNs at most, not millions. */
export function McnTable({ items, selected, onOpen }: { items: McnStat[]; selected: string | null; onOpen(mcnId: string): void }) {
  const { t } = useTranslation('network');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'findings', desc: true });
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const kept = q ? items.filter((m) => m.name.toLowerCase().includes(q) || m.mcnId.toLowerCase().includes(q)) : items;
    const dir = sort.desc ? -1 : 1;
    return [...kept].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const c = typeof x === 'string' ? x.localeCompare(y as string, 'zh-CN') : (x as number) - (y as number);
      return c !== 0 ? dir * c : a.mcnId < b.mcnId ? -1 : 1;
    });
  }, [items, filter, sort]);
  const chart = useMemo(
    () =>
      [...items]
        .sort((a, b) => b.findings + b.accountsWithActions - (a.findings + a.accountsWithActions) || (a.mcnId < b.mcnId ? -1 : 1))
        .slice(0, CHART_TOP)
        .filter((m) => m.findings + m.accountsWithActions > 0)
        .map((m) => ({ name: m.name.length > 9 ? `${m.name.slice(0, 9)}…` : m.name, findings: m.findings, accounts: m.accountsWithActions })),
    [items],
  );
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('mcn.empty')}</Text>;

  const header = (key: SortKey, label: string) => (
    <Table.Th>
      <UnstyledButton onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }))} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <Group gap={2} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {sort.key === key && (sort.desc ? <IconChevronDown size={12} /> : <IconChevronUp size={12} />)}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack gap="xs">
      {chart.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            {t('mcn.chartTitle', { n: chart.length })}
          </Text>
          <BarChart
            h={40 + 26 * chart.length}
            data={chart}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            barProps={{ barSize: 8 }}
            series={[
              { name: 'findings', label: t('mcn.chartFindings'), color: 'red.6' },
              { name: 'accounts', label: t('mcn.chartAccounts'), color: 'orange.5' },
            ]}
            withLegend
            data-testid="mcn-chart"
          />
        </>
      )}
      <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder={t('mcn.filter')} aria-label={t('mcn.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
      <Table highlightOnHover verticalSpacing={4} fz="sm" data-testid="mcn-table">
        <Table.Thead>
          <Table.Tr>
            {header('name', t('mcn.columns.name'))}
            {header('signedAccounts', t('mcn.columns.signed'))}
            {header('accountsWithActions', t('mcn.columns.accountsWithActions'))}
            {header('findings', t('mcn.columns.findings'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.mcnId} bg={selected === m.mcnId ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <UnstyledButton onClick={() => onOpen(m.mcnId)} aria-label={t('mcn.open', { name: m.name })}>
                  <Text size="sm" c="blue" lineClamp={1}>
                    {m.name}
                  </Text>
                </UnstyledButton>
                <Text size="xs" c="dimmed">
                  {m.mcnId} · {t('mcn.columns.measures')}：{m.measures.join('、') || t('mcn.none')} · {t('mcn.columns.followers')} {m.followers.toLocaleString()}
                </Text>
              </Table.Td>
              <Table.Td>{m.signedAccounts}</Table.Td>
              <Table.Td>{m.accountsWithActions}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {m.findings}
                  {m.worstSeverity && <Badge size="xs" circle color={SEVERITY_COLORS[m.worstSeverity]} title={m.worstSeverity} />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

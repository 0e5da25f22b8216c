import { Alert, Badge, Button, Grid, Group, Paper, Progress, Select, Stack, Table, Tabs, Text, UnstyledButton } from '@mantine/core';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import type { GraphFocus, MatrixView } from '@shared/api/network';
import type { JobProgress } from '@shared/events';
import { api } from '../../api/client';
import { useAppEvent } from '../../api/events';
import { useApiQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { McnPanel } from './McnPanel';
import { NetworkCanvas } from './NetworkCanvas';
import { SEVERITY_COLORS } from './graph-model';

const PAGE = 100;

/** Focus from the address (`?filing=1&matrix=3`, `&mcn=M1`, `&account=A1`): findings and profiles link here. */
function focusFromParams(params: URLSearchParams): GraphFocus | null {
  const matrix = Number(params.get('matrix'));
  if (Number.isInteger(matrix) && matrix > 0) return { kind: 'matrix', matrixId: matrix };
  if (params.get('mcn')) return { kind: 'mcn', mcnId: params.get('mcn')! };
  if (params.get('account')) return { kind: 'account', accountId: params.get('account')! };
  return null;
}

export function NetworkPage() {
  const { t } = useTranslation('network');
  const [params, setParams] = useSearchParams();
  const filings = useApiQuery(() => api.network.filings(), [], ['filings', 'network']);
  const requested = Number(params.get('filing'));
  const filingId = filings.data?.some((f) => f.filingId === requested) ? requested : (filings.data?.[0]?.filingId ?? null);
  const focus = focusFromParams(params);
  const setFocus = (next: GraphFocus | null) => {
    const p = new URLSearchParams();
    if (filingId !== null) p.set('filing', String(filingId));
    if (next?.kind === 'matrix') p.set('matrix', String(next.matrixId));
    if (next?.kind === 'mcn') p.set('mcn', next.mcnId);
    if (next?.kind === 'account') p.set('account', next.accountId);
    setParams(p);
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          filings.data && filings.data.length > 0 && filingId !== null ? (
            <Select
              w={320}
              aria-label={t('filing')}
              allowDeselect={false}
              value={String(filingId)}
              onChange={(v) => v && setParams(new URLSearchParams({ filing: v }))}
              data={filings.data.map((f) => ({ value: String(f.filingId), label: `#${f.filingId} ${f.platformName} ${f.periodStart}～${f.periodEnd} v${f.version}` }))}
              data-testid="network-filing"
            />
          ) : undefined
        }
      />
      <QueryView query={filings}>
        {(list) =>
          list.length === 0 || filingId === null ? (
            <EmptyState
              icon={<IconTopologyStar3 size={30} />}
              title={t('noFilings.title')}
              body={t('noFilings.body')}
              actions={
                <Button component={Link} href="/import">
                  {t('noFilings.action')}
                </Button>
              }
            />
          ) : (
            <FilingNetwork key={filingId} filingId={filingId} focus={focus} onFocus={setFocus} />
          )
        }
      </QueryView>
    </>
  );
}

function FilingNetwork({ filingId, focus, onFocus }: { filingId: number; focus: GraphFocus | null; onFocus(f: GraphFocus | null): void }) {
  const { t } = useTranslation('network');
  const [limit, setLimit] = useState(PAGE);
  const [tab, setTab] = useState<string | null>(focus?.kind === 'mcn' ? 'mcn' : 'matrices');
  const matrices = useApiQuery(() => api.network.matrices({ filingId, limit }), [filingId, limit], ['network', 'findings']);
  const [job, setJob] = useState<{ id: string; progress: JobProgress | null; error: string | null } | null>(null);
  useAppEvent('job.progress', (p) => {
    if (job && p.jobId === job.id) setJob({ ...job, progress: p });
  });

  const analyse = () => {
    const id = crypto.randomUUID();
    setJob({ id, progress: null, error: null });
    api.network.analyse({ filingId, jobId: id }).then(
      () => {
        setJob(null);
        matrices.reload();
      },
      (error: unknown) => setJob({ id, progress: null, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  const analysis = matrices.data?.analysis ?? null;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="analysis-status">
          {analysis
            ? t('analysedAt', { at: analysis.analysedAt, seconds: (analysis.durationMs / 1000).toFixed(1), matrices: analysis.stats.matrices })
            : matrices.data
              ? t('notAnalysed')
              : ''}
        </Text>
        <Button size="xs" variant={analysis ? 'default' : 'filled'} loading={job !== null && job.error === null} onClick={analyse} data-testid="network-analyse">
          {analysis ? t('reanalyse') : t('analyse')}
        </Button>
      </Group>
      {job?.progress && (
        <Stack gap={2}>
          <Text size="xs">{job.progress.label}</Text>
          <Progress value={job.progress.total ? (100 * job.progress.done) / job.progress.total : 100} animated={!job.progress.total} />
        </Stack>
      )}
      {job?.error && <Alert color="red">{job.error}</Alert>}
      {analysis && analysis.checkRunId === null && (
        <Alert color="yellow" py={6}>
          {t('noChecks')}
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="xs">
              <Tabs.Tab value="matrices" data-testid="tab-matrices">
                {t('tabs.matrices')}
              </Tabs.Tab>
              <Tabs.Tab value="mcn" data-testid="tab-mcn">
                {t('tabs.mcn')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="matrices">
              <QueryView query={matrices}>
                {(data) =>
                  data.analysis === null ? (
                    <Text size="sm" c="dimmed">
                      {t('notAnalysed')}
                    </Text>
                  ) : data.items.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('matrices.empty')}
                    </Text>
                  ) : (
                    <MatrixList
                      items={data.items}
                      selected={focus?.kind === 'matrix' ? focus.matrixId : null}
                      onOpen={(matrixId) => onFocus({ kind: 'matrix', matrixId })}
                      more={data.total > data.items.length ? () => setLimit((l) => l + PAGE) : null}
                    />
                  )
                }
              </QueryView>
            </Tabs.Panel>
            <Tabs.Panel value="mcn">
              <McnPanel filingId={filingId} selected={focus?.kind === 'mcn' ? focus.mcnId : null} onOpen={(mcnId) => onFocus({ kind: 'mcn', mcnId })} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {focus ? (
            <NetworkCanvas filingId={filingId} focus={focus} />
          ) : (
            <Paper withBorder>
              <EmptyState icon={<IconTopologyStar3 size={30} />} title={t('canvas.pick.title')} body={t('canvas.pick.body')} />
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function MatrixList({ items, selected, onOpen, more }: { items: MatrixView[]; selected: number | null; onOpen(id: number): void; more: (() => void) | null }) {
  const { t } = useTranslation('network');
  return (
    <Stack gap="xs">
      <Table highlightOnHover verticalSpacing={6} data-testid="matrix-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('matrices.score')}</Table.Th>
            <Table.Th>{t('matrices.accounts')}</Table.Th>
            <Table.Th>{t('matrices.subjects')}</Table.Th>
            <Table.Th>{t('matrices.examples')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.matrixId} bg={selected === m.matrixId ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <UnstyledButton onClick={() => onOpen(m.matrixId)} aria-label={t('matrices.open', { id: m.matrixId })} data-testid={`open-matrix-${m.matrixId}`}>
                  <Text size="sm" fw={600} c="blue">
                    #{m.matrixId}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm">{m.score}</Text>
                  {m.worstSeverity && <Badge size="xs" circle color={SEVERITY_COLORS[m.worstSeverity]} title={m.worstSeverity} />}
                </Group>
              </Table.Td>
              <Table.Td>{m.accounts}</Table.Td>
              <Table.Td>{m.subjects}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2} title={m.reasons.map((r) => r.label).join('；')}>
                  {m.sampleAccounts.map((a) => a.displayName).join('、')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more && (
        <Button variant="subtle" size="xs" onClick={more}>
          {t('matrices.more')}
        </Button>
      )}
    </Stack>
  );
}

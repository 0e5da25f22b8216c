import { Alert, Badge, Button, Card, Center, Group, Loader, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DashboardFiling } from '@shared/api/dashboard';
import type { FilingSummary } from '@shared/api/filings';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/jobs';
import { EmptyState } from '../../components/EmptyState';
import { JobProgressBar } from '../../components/JobProgressBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';

// The charts (recharts) load with the figures, not with the start-up bundle.
const DashboardOverview = lazy(() => import('./DashboardOverview').then((m) => ({ default: m.DashboardOverview })));

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const filings = useApiQuery(() => api.filings.list({}), [], ['filings']);
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('filing'));
  const scope = filings.data?.some((f) => f.id === requested) ? requested : null;
  const job = useJob();
  const [error, setError] = useState<string | null>(null);

  const loadSample = async () => {
    setError(null);
    try {
      // A first start should show a working inspection: import the sample, then check it.
      const { filing } = await job.run((jobId) => api.filings.importSample({ jobId }));
      await job.run((jobId) => api.checks.run({ filingId: filing.id, jobId }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          filings.data && filings.data.length > 0 ? (
            <Select
              w={360}
              label={t('scope')}
              allowDeselect={false}
              value={scope === null ? 'all' : String(scope)}
              onChange={(v) => setParams(v && v !== 'all' ? new URLSearchParams({ filing: v }) : new URLSearchParams())}
              data={[
                { value: 'all', label: t('allFilings') },
                ...filings.data.map((f) => ({
                  value: String(f.id),
                  label: t('filingOption', { id: f.id, platform: f.platform.name, start: f.period.start, end: f.period.end, version: f.version }),
                })),
              ]}
              data-testid="dashboard-scope"
            />
          ) : undefined
        }
      />
      {error && (
        <Alert color="red" mb="md" role="alert">
          {error}
        </Alert>
      )}
      {job.running && <JobProgressBar progress={job.progress} onCancel={job.cancel} cancelLabel={t('cancel')} />}
      <QueryView query={filings}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title={tc('emptyWorkspace.title')}
              body={tc('emptyWorkspace.body')}
              actions={
                <Group>
                  <Button component={Link} href="/import">
                    {tc('emptyWorkspace.importAction')}
                  </Button>
                  <Button variant="light" color="orange" onClick={() => void loadSample()} loading={job.running} data-testid="load-sample">
                    {tc('emptyWorkspace.sampleAction')}
                  </Button>
                </Group>
              }
            />
          ) : (
            <Overview filings={list} scope={scope} onScope={(id) => setParams(new URLSearchParams({ filing: String(id) }))} />
          )
        }
      </QueryView>
    </>
  );
}

/** The figures of the selected scope, then every filing as a card (a click narrows the figures to it). */
function Overview({ filings, scope, onScope }: { filings: FilingSummary[]; scope: number | null; onScope: (id: number) => void }) {
  const { t } = useTranslation('dashboard');
  const overview = useApiQuery(() => api.dashboard.overview(scope === null ? {} : { filingId: scope }), [scope], ['findings', 'filings']);
  const loader = (
    <Center py="xl">
      <Loader />
    </Center>
  );
  return (
    <Stack gap="md">
      <QueryView query={overview}>
        {(o) =>
          o.total === 0 ? (
            <Text c="dimmed" data-testid="dashboard-no-findings">
              {t('noFindings')}
            </Text>
          ) : (
            <Suspense fallback={loader}>
              <DashboardOverview overview={o} />
            </Suspense>
          )
        }
      </QueryView>
      <Title order={4}>{t('filings')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
        {filings.map((filing) => (
          <FilingCard
            key={filing.id}
            filing={filing}
            figures={overview.data?.filings.find((f) => f.filingId === filing.id)}
            selected={scope === filing.id}
            onSelect={() => onScope(filing.id)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function FilingCard({ filing, figures, selected, onSelect }: { filing: FilingSummary; figures?: DashboardFiling; selected: boolean; onSelect: () => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const format = (n: number) => n.toLocaleString(i18n.language);
  const percent = figures && figures.total > 0 ? Math.round((figures.reviewed / figures.total) * 100) : 0;
  return (
    <Card withBorder data-testid={`dashboard-filing-${filing.id}`} style={selected ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}>
      <Group justify="space-between" mb={4}>
        <Title order={4}>{filing.platform.name}</Title>
        {filing.isSample && <Badge color="orange">{tc('sampleBadge')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {filing.period.start} — {filing.period.end} · {t('version', { version: filing.version })}
      </Text>
      <Stack gap={2}>
        <Text size="sm">{t('accounts', { count: filing.tableCounts.accounts ?? 0, formatted: format(filing.tableCounts.accounts ?? 0) })}</Text>
        <Text size="sm">{t('subjects', { formatted: format(filing.tableCounts.subjects ?? 0) })}</Text>
        {figures &&
          (figures.checkedAt === null && figures.total === 0 ? (
            <Text size="sm" c="dimmed">{t('notChecked')}</Text>
          ) : (
            <>
              <Group justify="space-between">
                <Text size="sm">{t('findingsCount', { count: figures.total, formatted: format(figures.total) })}</Text>
                <Text size="xs" c="dimmed">{t('reviewed', { percent })}</Text>
              </Group>
              <Progress value={percent} size="sm" aria-label={t('reviewed', { percent })} />
            </>
          ))}
      </Stack>
      <Group mt="md">
        <Button component={Link} href={`/findings?filing=${filing.id}`} size="xs" variant="light">
          {t('openFindings')}
        </Button>
        {!selected && (
          <Button size="xs" variant="subtle" onClick={onSelect} data-testid={`dashboard-scope-${filing.id}`}>
            {t('focus')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

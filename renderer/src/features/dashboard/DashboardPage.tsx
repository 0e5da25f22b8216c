import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { FilingSummary } from '@shared/api/filings';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/jobs';
import { EmptyState } from '../../components/EmptyState';
import { JobProgressBar } from '../../components/JobProgressBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const filings = useApiQuery(() => api.filings.list({}), [], ['filings']);
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
      <PageHeader title={t('title')} description={t('description')} />
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
            <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
              {list.map((filing) => (
                <FilingCard key={filing.id} filing={filing} />
              ))}
            </SimpleGrid>
          )
        }
      </QueryView>
    </>
  );
}

function FilingCard({ filing }: { filing: FilingSummary }) {
  const { t, i18n } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  return (
    <Card withBorder data-testid={`dashboard-filing-${filing.id}`}>
      <Group justify="space-between" mb={4}>
        <Title order={4}>{filing.platform.name}</Title>
        {filing.isSample && <Badge color="orange">{tc('sampleBadge')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {filing.period.start} — {filing.period.end} · {t('version', { version: filing.version })}
      </Text>
      <Stack gap={2}>
        <Text size="sm">{t('accounts', { count: filing.tableCounts.accounts ?? 0, formatted: (filing.tableCounts.accounts ?? 0).toLocaleString(i18n.language) })}</Text>
        <Text size="sm">{t('subjects', { formatted: (filing.tableCounts.subjects ?? 0).toLocaleString(i18n.language) })}</Text>
      </Stack>
      <Group mt="md">
        <Button component={Link} href={`/findings?filing=${filing.id}`} size="xs" variant="light">
          {t('openFindings')}
        </Button>
      </Group>
    </Card>
  );
}

import { Alert, Button, Card, FileButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileZip, IconFolder } from '@tabler/icons-react';
import type { FilingSummary, PackageSource, ValidationReport } from '@shared/api/filings';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError, api, isDesktop } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/jobs';
import { uploadFile } from '../../api/upload';
import { JobProgressBar } from '../../components/JobProgressBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { FilingSummaryCard } from './FilingSummaryCard';
import { FilingsList } from './FilingsList';
import { SampleOffer } from './SampleOffer';
import { isValidationReport, ValidationReportTable } from './ValidationReportTable';

/** What the inspector chose: a path (desktop dialog, or a typed local folder) or a file to upload. */
type Choice = { kind: 'path'; path: string } | { kind: 'file'; file: File };

type Outcome =
  | { kind: 'imported'; filing: FilingSummary; report: ValidationReport; findings: number | null }
  | { kind: 'valid'; report: ValidationReport }
  | { kind: 'refused'; report: ValidationReport | null; message: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function ImportPage() {
  const { t } = useTranslation('import');
  const filings = useApiQuery(() => api.filings.list({}), [], ['filings']);
  const job = useJob();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [folderPath, setFolderPath] = useState('');
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pick = async (kind: 'file' | 'folder') => {
    const path = await window.desktop?.pickSource(kind === 'folder' ? 'package-folder' : 'package-file');
    if (path) setChoice({ kind: 'path', path });
  };

  async function toSource(current: Choice): Promise<PackageSource> {
    if (current.kind === 'path') return { kind: 'path', path: current.path };
    setUploadPercent(0);
    try {
      const uploadId = await uploadFile(current.file, (sent, total) => setUploadPercent(Math.round((sent / total) * 100)));
      return { kind: 'upload', uploadId };
    } finally {
      setUploadPercent(null);
    }
  }

  const start = async (mode: 'import' | 'validate') => {
    const current: Choice | null = folderPath.trim() ? { kind: 'path', path: folderPath.trim() } : choice;
    if (!current) return;
    setOutcome(null);
    try {
      const source = await toSource(current);
      if (mode === 'import') {
        const result = await job.run((jobId) => api.filings.import({ source, jobId }));
        await checkImported(result.filing, result.report);
      } else {
        const result = await job.run((jobId) => api.filings.validate({ source, jobId }));
        setOutcome(result.report.ok ? { kind: 'valid', report: result.report } : { kind: 'refused', report: result.report, message: t('outcome.refused', { errors: result.report.errorCount }) });
      }
    } catch (error) {
      setOutcome(describeFailure(error));
    }
  };

  /** An import is followed by the cross-check at once: that is what the inspector imports for. */
  const checkImported = async (filing: FilingSummary, report: ValidationReport) => {
    setOutcome({ kind: 'imported', filing, report, findings: null });
    const run = await job.run((jobId) => api.checks.run({ filingId: filing.id, jobId }));
    setOutcome({ kind: 'imported', filing, report, findings: run.findingsTotal });
  };

  const loadSample = async () => {
    setOutcome(null);
    try {
      const result = await job.run((jobId) => api.filings.importSample({ jobId }));
      await checkImported(result.filing, result.report);
    } catch (error) {
      setOutcome(describeFailure(error));
    }
  };

  const chosenName = folderPath.trim() || (choice?.kind === 'path' ? choice.path : choice?.file.name);
  const busy = job.running || uploadPercent !== null;

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Stack gap="lg">
        {filings.data?.length === 0 && !busy && outcome === null && <SampleOffer onLoad={() => void loadSample()} />}
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('source.title')}
          </Title>
          <Stack gap="sm">
            <Group>
              {isDesktop ? (
                <>
                  <Button leftSection={<IconFileZip size={16} />} variant="light" onClick={() => void pick('file')} disabled={busy}>
                    {t('source.zip')}
                  </Button>
                  <Button leftSection={<IconFolder size={16} />} variant="light" onClick={() => void pick('folder')} disabled={busy}>
                    {t('source.folder')}
                  </Button>
                </>
              ) : (
                <FileButton onChange={(file) => file && (setChoice({ kind: 'file', file }), setFolderPath(''))} accept=".zip,application/zip">
                  {(props) => (
                    <Button {...props} leftSection={<IconFileZip size={16} />} variant="light" disabled={busy} data-testid="choose-zip">
                      {t('source.zip')}
                    </Button>
                  )}
                </FileButton>
              )}
              <Text size="sm" c={chosenName ? undefined : 'dimmed'} data-testid="chosen-package">
                {chosenName ? t('source.pickedFile', { name: chosenName }) : t('source.none')}
              </Text>
            </Group>
            {!isDesktop && (
              <TextInput
                label={t('source.folderPath')}
                description={t('source.folderPathHint')}
                placeholder="/home/inspector/备案/2024Q4"
                value={folderPath}
                onChange={(e) => setFolderPath(e.currentTarget.value)}
                disabled={busy}
                maw={560}
              />
            )}
            <Group>
              <Button onClick={() => void start('import')} disabled={!chosenName || busy} data-testid="start-import">
                {t('import')}
              </Button>
              <Button variant="default" onClick={() => void start('validate')} disabled={!chosenName || busy}>
                {t('validateOnly')}
              </Button>
            </Group>
            {uploadPercent !== null && <Text size="sm">{t('uploading', { percent: uploadPercent })}</Text>}
            {job.running && <JobProgressBar progress={job.progress} onCancel={job.cancel} cancelLabel={t('cancel')} />}
          </Stack>
        </Card>
        {outcome && <OutcomeView outcome={outcome} />}
        <QueryView query={filings}>{(list) => <FilingsList filings={list} />}</QueryView>
      </Stack>
    </>
  );
}

function describeFailure(error: unknown): Outcome {
  if (error instanceof ApiError) {
    if (error.code === 'cancelled') return { kind: 'cancelled' };
    const report = isValidationReport(error.details) ? error.details : null;
    return { kind: 'refused', report, message: error.message };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('import');
  switch (outcome.kind) {
    case 'imported':
      return (
        <Stack gap="md" data-testid="import-outcome">
          <Alert color="green" title={t('outcome.imported', { platform: outcome.filing.platform.name, start: outcome.filing.period.start, end: outcome.filing.period.end, version: outcome.filing.version })}>
            {outcome.findings !== null && (
              <Group gap="sm">
                <Text size="sm">{t('outcome.checked', { count: outcome.findings })}</Text>
                <Button component={Link} href={`/findings?filing=${outcome.filing.id}`} size="xs" variant="light">
                  {t('outcome.openFindings')}
                </Button>
              </Group>
            )}
          </Alert>
          <FilingSummaryCard filing={outcome.filing} />
          {outcome.report.warningCount > 0 && (
            <Card withBorder>
              <ValidationReportTable report={outcome.report} />
            </Card>
          )}
        </Stack>
      );
    case 'valid':
      return (
        <Stack gap="md" data-testid="import-outcome">
          <Alert color="green" title={t('outcome.valid')} />
          {outcome.report.warningCount > 0 && (
            <Card withBorder>
              <ValidationReportTable report={outcome.report} />
            </Card>
          )}
        </Stack>
      );
    case 'refused':
      return (
        <Stack gap="md" data-testid="import-outcome">
          <Alert color="red" title={outcome.message} role="alert" />
          {outcome.report && (
            <Card withBorder>
              <ValidationReportTable report={outcome.report} />
            </Card>
          )}
        </Stack>
      );
    case 'cancelled':
      return <Alert color="gray" title={t('outcome.cancelled')} data-testid="import-outcome" />;
    case 'failed':
      return <Alert color="red" title={outcome.message} role="alert" data-testid="import-outcome" />;
  }
}

import { Alert, Badge, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReferenceKind, ReferenceSetSummary } from '@shared/api/reference';
import type { PackageSource, ValidationReport } from '@shared/api/filings';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, isDesktop } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { uploadFile } from '../../api/upload';
import { QueryView } from '../../components/QueryView';
import { isValidationReport, ValidationReportTable } from '../import/ValidationReportTable';

const KINDS: ReferenceKind[] = ['licenses', 'lexicon'];

/**
 * The inspector's reference data: the news-licence registry and the protected-name lexicon the
 * checks use. Shipped defaults are active until an official list is imported (CSV or XLSX,
 * validated like a package table); a refused file changes nothing.
 */
export function ReferenceDataCard() {
  const { t, i18n } = useTranslation('settings');
  const status = useApiQuery(() => api.reference.status(), [], ['reference']);
  const [busy, setBusy] = useState<ReferenceKind | null>(null);
  const [outcome, setOutcome] = useState<{ kind: ReferenceKind; ok: boolean; message: string; report: ValidationReport | null } | null>(null);

  async function run(kind: ReferenceKind, work: () => Promise<ReferenceSetSummary>) {
    setBusy(kind);
    setOutcome(null);
    try {
      const set = await work();
      setOutcome({ kind, ok: true, message: t('reference.imported', { name: set.name, count: set.rowCount }), report: null });
    } catch (error) {
      const report = error instanceof ApiError && isValidationReport(error.details) ? error.details : null;
      setOutcome({ kind, ok: false, message: error instanceof Error ? error.message : String(error), report });
    } finally {
      setBusy(null);
    }
  }

  const importFrom = (kind: ReferenceKind, source: PackageSource) => run(kind, async () => (await api.reference.import({ kind, source })).set);
  const importFile = (kind: ReferenceKind, file: File) => run(kind, async () => (await api.reference.import({ kind, source: { kind: 'upload', uploadId: await uploadFile(file, () => {}) } })).set);
  const pickAndImport = async (kind: ReferenceKind) => {
    const path = await window.desktop?.pickSource('reference-file');
    if (path) await importFrom(kind, { kind: 'path', path });
  };
  const reset = (kind: ReferenceKind) => run(kind, async () => (await api.reference.resetToDefault({ kind })).set);

  return (
    <Card withBorder data-testid="reference-data">
      <Title order={4} mb={4}>
        {t('reference.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('reference.description')}
      </Text>
      <QueryView query={status}>
        {(data) => (
          <Table layout="fixed" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('reference.columns.kind')}</Table.Th>
                <Table.Th>{t('reference.columns.active')}</Table.Th>
                <Table.Th w={90}>{t('reference.columns.rows')}</Table.Th>
                <Table.Th w={260}>{t('reference.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {KINDS.map((kind) => {
                const set = data[kind];
                return (
                  <Table.Tr key={kind} data-testid={`reference-${kind}`}>
                    <Table.Td fw={500}>{t(`reference.kinds.${kind}`)}</Table.Td>
                    <Table.Td>
                      {set ? (
                        <Stack gap={2}>
                          <Group gap={6}>
                            <Text size="sm">{set.name}</Text>
                            {set.isDefault && (
                              <Badge size="xs" color={kind === 'licenses' ? 'orange' : 'gray'}>
                                {t(kind === 'licenses' ? 'reference.demoDefault' : 'reference.default')}
                              </Badge>
                            )}
                          </Group>
                          <Text size="xs" c="dimmed">
                            {set.importedAt} · {set.importedBy}
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('reference.none')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-testid={`reference-${kind}-rows`}>{set ? set.rowCount.toLocaleString(i18n.language) : '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {isDesktop ? (
                          <Button size="xs" variant="light" loading={busy === kind} onClick={() => void pickAndImport(kind)}>
                            {t('reference.import')}
                          </Button>
                        ) : (
                          <FileButton onChange={(file) => file && void importFile(kind, file)} accept=".csv,.xlsx,text/csv">
                            {(props) => (
                              <Button {...props} size="xs" variant="light" loading={busy === kind} data-testid={`reference-${kind}-import`}>
                                {t('reference.import')}
                              </Button>
                            )}
                          </FileButton>
                        )}
                        <Button size="xs" variant="subtle" disabled={busy !== null || (set?.isDefault ?? false)} onClick={() => void reset(kind)}>
                          {t('reference.reset')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryView>
      {outcome && (
        <Stack gap="sm" mt="md">
          <Alert color={outcome.ok ? 'green' : 'red'} role={outcome.ok ? 'status' : 'alert'} title={t(`reference.kinds.${outcome.kind}`)}>
            {outcome.message}
          </Alert>
          {outcome.report && <ValidationReportTable report={outcome.report} />}
        </Stack>
      )}
    </Card>
  );
}

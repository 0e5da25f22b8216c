import { Badge, Group, Pagination, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ValidationReport } from '@shared/api/filings';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

const PAGE_SIZE = 50;

/** A refusal's details carry the validation report; anything else is not one. */
export function isValidationReport(value: unknown): value is ValidationReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as ValidationReport).issues);
}

/** The validation report as a filterable table: every problem with file, row, column, value and reason. */
export function ValidationReportTable({ report }: { report: ValidationReport }) {
  const { t } = useTranslation('import');
  const [severity, setSeverity] = useState<'all' | 'error' | 'warning'>(report.errorCount > 0 ? 'error' : 'all');
  const [file, setFile] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);

  const files = useMemo(() => [...new Set(report.issues.map((i) => i.file))].sort(), [report]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return report.issues.filter(
      (issue) =>
        (severity === 'all' || issue.severity === severity) &&
        (file === null || issue.file === file) &&
        (q === '' || [issue.file, issue.column, issue.value, issue.message].some((v) => v?.toLowerCase().includes(q))),
    );
  }, [report, severity, file, query]);
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <Stack gap="sm" data-testid="validation-report">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600}>{t('report.title')}</Text>
          <Badge color="red" variant="light">
            {t('report.errors', { count: report.errorCount })}
          </Badge>
          <Badge color="yellow" variant="light">
            {t('report.warnings', { count: report.warningCount })}
          </Badge>
        </Group>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={severity}
            onChange={(v) => {
              setSeverity(v as typeof severity);
              setPage(1);
            }}
            data={[
              { value: 'all', label: t('report.all') },
              { value: 'error', label: t('report.error') },
              { value: 'warning', label: t('report.warning') },
            ]}
          />
          <Select size="xs" w={200} placeholder={t('report.fileFilter')} aria-label={t('report.fileFilter')} data={files} value={file} onChange={(v) => { setFile(v); setPage(1); }} clearable />
          <TextInput size="xs" w={220} placeholder={t('report.search')} aria-label={t('report.search')} value={query} onChange={(e) => { setQuery(e.currentTarget.value); setPage(1); }} />
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('report.empty')}</Text>
      ) : (
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('report.columns.severity')}</Table.Th>
              <Table.Th>{t('report.columns.file')}</Table.Th>
              <Table.Th w={70}>{t('report.columns.row')}</Table.Th>
              <Table.Th>{t('report.columns.column')}</Table.Th>
              <Table.Th>{t('report.columns.value')}</Table.Th>
              <Table.Th>{t('report.columns.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageRows.map((issue, i) => (
              <Table.Tr key={`${issue.file}:${issue.row}:${issue.column}:${i}`}>
                <Table.Td>
                  <Badge size="sm" color={issue.severity === 'error' ? 'red' : 'yellow'} variant="light">
                    {t(`report.${issue.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{issue.file || '—'}</Table.Td>
                <Table.Td>{issue.row ?? '—'}</Table.Td>
                <Table.Td>{issue.column ?? '—'}</Table.Td>
                <Table.Td miw={110} maw={240} style={{ overflowWrap: 'anywhere' }}>
                  {issue.value ?? '—'}
                </Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > PAGE_SIZE && <Pagination total={Math.ceil(rows.length / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />}
      {report.omitted > 0 && (
        <Text size="sm" c="dimmed">
          {t('report.omitted', { count: report.omitted })}
        </Text>
      )}
    </Stack>
  );
}

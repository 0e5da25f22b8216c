import { Alert, Anchor, Badge, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { TraceabilityRowView } from '@shared/api/provisions';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { RuleLink } from './RuleLink';
import classes from './provisions.module.css';

type Filter = 'all' | 'unchecked' | 'checked';

/** Every obligation of the library with the rules checking it; the unchecked ones stand out. */
export function TraceabilityView({ filingId }: { filingId: number | undefined }) {
  const rows = useApiQuery(() => api.provisions.traceability({ filingId }), [filingId], ['findings']);
  return <QueryView query={rows}>{(data) => <TraceabilityTable rows={data} filingId={filingId} />}</QueryView>;
}

function TraceabilityTable({ rows, filingId }: { rows: TraceabilityRowView[]; filingId: number | undefined }) {
  const { t } = useTranslation('provisions');
  const [filter, setFilter] = useState<Filter>('all');
  const checked = rows.filter((row) => row.checked).length;
  const unchecked = rows.length - checked;
  const shown = rows.filter((row) => filter === 'all' || (filter === 'checked') === row.checked);

  return (
    <Stack gap="md">
      <Alert
        color={unchecked > 0 ? 'orange' : 'green'}
        icon={unchecked > 0 ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />}
        role="status"
      >
        <Text size="sm" mb={6}>
          {t('trace.summary', { total: rows.length, checked, unchecked })}
        </Text>
        <Progress.Root size="sm" maw={420}>
          <Progress.Section value={(checked / rows.length) * 100} color="green" />
          <Progress.Section value={(unchecked / rows.length) * 100} color="orange" />
        </Progress.Root>
      </Alert>
      <SegmentedControl
        aria-label={t('trace.filter')}
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        style={{ alignSelf: 'flex-start' }}
        data={[
          { value: 'all', label: t('trace.all', { count: rows.length }) },
          { value: 'unchecked', label: t('trace.uncheckedOnly', { count: unchecked }) },
          { value: 'checked', label: t('trace.checkedOnly', { count: checked }) },
        ]}
      />
      <Table verticalSpacing="sm" aria-label={t('trace.table')} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="14%">{t('trace.columns.provision')}</Table.Th>
            <Table.Th w="38%">{t('trace.columns.obligation')}</Table.Th>
            <Table.Th>{t('trace.columns.rules')}</Table.Th>
            <Table.Th w="8rem">{t('trace.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((row) => (
            <Table.Tr key={row.id} className={row.checked ? undefined : classes.uncheckedRow} data-testid={`obligation-${row.id}`}>
              <Table.Td valign="top">
                <Anchor component={Link} href={`/${row.citation.doc}#${row.id}`} size="sm" fw={600}>
                  {row.reference}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {row.docTitle}
                </Text>
              </Table.Td>
              <Table.Td valign="top">
                <Text size="sm" lang="zh-CN">
                  {row.summaryZh}
                </Text>
              </Table.Td>
              <Table.Td valign="top">
                {row.rules.length === 0 ? (
                  <Text size="sm" c="orange.8">
                    {t('trace.uncheckedHint')}
                  </Text>
                ) : (
                  <Stack gap={6} align="flex-start">
                    {row.rules.map((rule) => (
                      <RuleLink key={rule.id} rule={rule} filingId={filingId} />
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td valign="top">
                {row.checked ? (
                  <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} />}>
                    {t('trace.checked')}
                  </Badge>
                ) : (
                  <Badge color="orange" variant="filled" leftSection={<IconAlertTriangle size={12} />}>
                    {t('trace.unchecked')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

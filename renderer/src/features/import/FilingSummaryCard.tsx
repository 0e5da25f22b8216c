import { Badge, Card, Code, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { FilingSummary } from '@shared/api/filings';
import { ENUMS, FILING_TABLES, TABLE_NAMES } from '@shared/domain/filing-schema';
import { useTranslation } from 'react-i18next';

/** What was imported: platform, period, identity (hash, version) and rows per table. */
export function FilingSummaryCard({ filing }: { filing: FilingSummary }) {
  const { t, i18n } = useTranslation('import');
  const { t: tc } = useTranslation();
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <Card withBorder data-testid="filing-summary">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('summary.title')}</Title>
        {filing.isSample && <Badge color="orange">{tc('sampleBadge')}</Badge>}
      </Group>
      <Table variant="vertical" layout="fixed" fz="sm" mb="md">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t('summary.platform')}</Table.Th>
            <Table.Td>
              {filing.platform.name}（{filing.platform.platformId}）
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.operator')}</Table.Th>
            <Table.Td>{filing.platform.operator ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.period')}</Table.Th>
            <Table.Td>
              {filing.period.start} — {filing.period.end}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.version')}</Table.Th>
            <Table.Td>{filing.version}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.complaintDeadline')}</Table.Th>
            <Table.Td>{filing.complaintDeadlineDays === null ? t('summary.notDeclared') : t('summary.days', { count: filing.complaintDeadlineDays })}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.sha256')}</Table.Th>
            <Table.Td>
              <Code style={{ wordBreak: 'break-all' }}>{filing.packageSha256}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('summary.importedAt')}</Table.Th>
            <Table.Td>
              {new Date(filing.importedAt).toLocaleString(i18n.language)} · {filing.importedBy}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text fw={600} size="sm" mb={6}>
        {t('summary.tables')}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" mb="md">
        {TABLE_NAMES.map((name) => (
          <Group key={name} justify="space-between" px="xs" py={4} style={{ borderRadius: 4, background: 'var(--mantine-color-default-hover)' }}>
            <Text size="sm">{FILING_TABLES[name].label}</Text>
            <Text size="sm" fw={600} data-testid={`table-count-${name}`}>
              {number(filing.tableCounts[name] ?? 0)}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
      <Text fw={600} size="sm" mb={6}>
        {t('summary.documents')}
      </Text>
      {filing.documents.map((doc) => (
        <Text size="sm" key={doc.file}>
          {doc.title ?? doc.file} <Text span c="dimmed">（{ENUMS.document_kind[doc.kind as keyof typeof ENUMS.document_kind] ?? doc.kind} · {doc.file}）</Text>
        </Text>
      ))}
    </Card>
  );
}

import { Badge, Button, Card, Group, Modal, Table, Text, Title } from '@mantine/core';
import type { FilingSummary } from '@shared/api/filings';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/** Every filing in the workspace by platform and period, newest version first, with delete. */
export function FilingsList({ filings }: { filings: FilingSummary[] }) {
  const { t, i18n } = useTranslation('import');
  const { t: tc } = useTranslation();
  const [pending, setPending] = useState<FilingSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const sorted = [...filings].sort((a, b) => a.platform.platformId.localeCompare(b.platform.platformId) || b.period.end.localeCompare(a.period.end) || b.version - a.version);

  const confirmDelete = async () => {
    if (!pending) return;
    setDeleting(true);
    try {
      await api.filings.delete({ id: pending.id });
    } finally {
      setDeleting(false);
      setPending(null);
    }
  };

  return (
    <Card withBorder data-testid="filings-list">
      <Title order={4} mb="sm">
        {t('filings.title')}
      </Title>
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('filings.empty')}</Text>
      ) : (
        <Table highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('filings.columns.platform')}</Table.Th>
              <Table.Th>{t('filings.columns.period')}</Table.Th>
              <Table.Th>{t('filings.columns.version')}</Table.Th>
              <Table.Th>{t('filings.columns.accounts')}</Table.Th>
              <Table.Th>{t('filings.columns.importedAt')}</Table.Th>
              <Table.Th>{t('filings.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((filing) => (
              <Table.Tr key={filing.id} data-testid={`filing-row-${filing.id}`}>
                <Table.Td>
                  <Group gap={6}>
                    {filing.platform.name}
                    {filing.isSample && (
                      <Badge size="xs" color="orange">
                        {tc('sampleBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {filing.period.start} — {filing.period.end}
                </Table.Td>
                <Table.Td>{filing.version}</Table.Td>
                <Table.Td>{(filing.tableCounts.accounts ?? 0).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{new Date(filing.importedAt).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setPending(filing)}>
                    {t('filings.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('filings.deleteTitle')} centered>
        {pending && (
          <>
            <Text mb="lg">{t('filings.deleteConfirm', { platform: pending.platform.name, start: pending.period.start, end: pending.period.end })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('filings.keep')}
              </Button>
              <Button color="red" loading={deleting} onClick={() => void confirmDelete()}>
                {t('filings.deleteAction')}
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </Card>
  );
}

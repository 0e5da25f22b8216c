import { Alert, Button, Code, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';

const PAGE = 200;

export function AuditPage() {
  const { t } = useTranslation('audit');
  const [limit, setLimit] = useState(PAGE);
  const entries = useApiQuery(() => api.audit.list({ limit }), [limit], ['audit', 'filings', 'findings']);
  const [verdict, setVerdict] = useState<{ ok: boolean; brokenAtId: number | null; entries: number } | null>(null);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button variant="light" onClick={() => void api.audit.verify().then(setVerdict)}>
            {t('verify')}
          </Button>
        }
      />
      {verdict && (
        <Alert color={verdict.ok ? 'green' : 'red'} mb="md" role="status">
          {verdict.ok ? t('intact', { count: verdict.entries }) : t('broken', { id: verdict.brokenAtId })}
        </Alert>
      )}
      <QueryView query={entries}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title={t('empty.title')} body={t('empty.body')} />
          ) : (
            <>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.at')}</Table.Th>
                    <Table.Th>{t('columns.actor')}</Table.Th>
                    <Table.Th>{t('columns.action')}</Table.Th>
                    <Table.Th>{t('columns.target')}</Table.Th>
                    <Table.Th>{t('columns.detail')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>{new Date(row.at).toLocaleString()}</Table.Td>
                      <Table.Td>{row.actor}</Table.Td>
                      <Table.Td>{row.action}</Table.Td>
                      <Table.Td>{row.target ?? '—'}</Table.Td>
                      <Table.Td>{row.detail === null ? '—' : <Code>{JSON.stringify(row.detail).slice(0, 160)}</Code>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {rows.length === limit && (
                <Group justify="center" mt="md">
                  <Button variant="subtle" onClick={() => setLimit((l) => l + PAGE)}>
                    {t('more')}
                  </Button>
                </Group>
              )}
            </>
          )
        }
      </QueryView>
    </>
  );
}

import { Select, Tabs } from '@mantine/core';
import { IconBooks, IconListCheck } from '@tabler/icons-react';
import { DocCodeSchema } from '@shared/domain/provisions';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { DocumentList } from './DocumentList';
import { DocumentReader } from './DocumentReader';
import { TraceabilityView } from './TraceabilityView';
import classes from './provisions.module.css';

/** `/GZ2021#GZ2021/8` → path `/GZ2021`, anchor `GZ2021/8` (hash routing keeps the second `#` in the location). */
export function splitAnchor(location: string): { path: string; anchor: string | undefined } {
  const at = location.indexOf('#');
  if (at < 0) return { path: location, anchor: undefined };
  const anchor = decodeURIComponent(location.slice(at + 1));
  return { path: location.slice(0, at), anchor: anchor === '' ? undefined : anchor };
}

/** `?filing=3` limits the open-finding counts to one filing (links from a filing's pages carry it). */
function useFilingScope(): number | undefined {
  const value = new URLSearchParams(useSearch()).get('filing');
  const id = value === null ? NaN : Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 条款库. Routes inside the /provisions nest: `/` the documents, `/traceability` the obligations
 * and their rules, `/<CODE>` one document, `/<CODE>#<provision id>` scrolled to that provision.
 */
export function ProvisionsPage() {
  const { t } = useTranslation('provisions');
  const [location, navigate] = useLocation();
  const filingId = useFilingScope();
  const { path, anchor } = splitAnchor(location);
  const segment = path.replace(/^\/+|\/+$/g, '');
  const tab = segment === 'traceability' ? 'traceability' : 'documents';
  const code = DocCodeSchema.safeParse(segment);

  let body;
  if (tab === 'traceability') body = <TraceabilityView filingId={filingId} />;
  else if (segment === '') body = <DocumentList />;
  else if (code.success) body = <DocumentReader key={code.data} code={code.data} anchor={anchor} filingId={filingId} />;
  else body = <EmptyState title={t('notFound.title')} body={t('notFound.body', { code: segment })} />;

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<FilingScope filingId={filingId} onChange={(id) => navigate(id === undefined ? `${path}?` : `${path}?filing=${id}`)} />}
      />
      <Tabs value={tab} onChange={(value) => navigate(value === 'traceability' ? '/traceability' : '/')} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="documents" leftSection={<IconBooks size={16} />}>
            {t('tabs.documents')}
          </Tabs.Tab>
          <Tabs.Tab value="traceability" leftSection={<IconListCheck size={16} />}>
            {t('tabs.traceability')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="documents">{tab === 'documents' && body}</Tabs.Panel>
        <Tabs.Panel value="traceability">{tab === 'traceability' && body}</Tabs.Panel>
      </Tabs>
    </div>
  );
}

/**
 * Whose open findings the badges count: every filing of the workspace, or one. Hidden while the
 * workspace has no filing (there is nothing to narrow down).
 */
function FilingScope({ filingId, onChange }: { filingId: number | undefined; onChange: (id: number | undefined) => void }) {
  const { t } = useTranslation('provisions');
  const filings = useApiQuery(() => api.filings.list({}), [], ['filings']);
  const list = filings.data ?? [];
  if (list.length === 0 && filingId === undefined) return null;
  const data = [
    { value: '', label: t('allFilings') },
    ...list.map((f) => ({ value: String(f.id), label: t('filingOption', { id: f.id, platform: f.platform.name, start: f.period.start, end: f.period.end }) })),
  ];
  // A link may name a filing before the list has loaded (or one since deleted: the counts then report it).
  if (filingId !== undefined && !list.some((f) => f.id === filingId)) data.push({ value: String(filingId), label: `#${filingId}` });
  return (
    <Select
      label={t('filingScope')}
      size="xs"
      w={320}
      allowDeselect={false}
      value={filingId === undefined ? '' : String(filingId)}
      data={data}
      onChange={(value) => onChange(value === null || value === '' ? undefined : Number(value))}
    />
  );
}

import { Alert, Anchor, Badge, Button, Group, Loader, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ProfileHit, ProfileKind } from '@shared/api/profiles';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ACCOUNT_STATUS_COLOR, FilingName, accountHref, subjectHref } from './parts';

const PAGE = 50;

/** `/profiles?q=…&kind=subject&filing=2`: the query lives in the address so back returns to it. */
export function SearchPage() {
  const { t, i18n } = useTranslation('profiles');
  const [params, setParams] = useSearchParams();
  const kind: ProfileKind = params.get('kind') === 'subject' ? 'subject' : 'account';
  const filingParam = Number(params.get('filing'));
  const filingId = Number.isInteger(filingParam) && filingParam > 0 ? filingParam : undefined;
  const [text, setText] = useState(params.get('q') ?? '');
  const [query] = useDebouncedValue(text.trim(), 250);
  const filings = useApiQuery(() => api.filings.list({}), [], ['filings']);

  const update = (next: { q?: string; kind?: ProfileKind; filing?: number | undefined }) => {
    const p = new URLSearchParams();
    const q = next.q ?? query;
    if (q) p.set('q', q);
    const k = next.kind ?? kind;
    if (k === 'subject') p.set('kind', k);
    const f = 'filing' in next ? next.filing : filingId;
    if (f) p.set('filing', String(f));
    setParams(p, { replace: true });
  };
  useEffect(() => {
    if (query !== (params.get('q') ?? '')) update({ q: query });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Stack gap="md">
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('search.label')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            description={t('search.hint')}
            w={420}
            data-testid="profile-search"
            autoFocus
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="profile-kind-label">
              {t('search.kindLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="profile-kind-label"
              value={kind}
              onChange={(v) => update({ kind: v as ProfileKind })}
              data={[
                { value: 'account', label: t('search.kindAccount') },
                { value: 'subject', label: t('search.kindSubject') },
              ]}
              data-testid="profile-kind"
            />
          </Stack>
          <Select
            label={t('search.filing')}
            w={320}
            allowDeselect={false}
            value={filingId ? String(filingId) : 'all'}
            onChange={(v) => update({ filing: v && v !== 'all' ? Number(v) : undefined })}
            data={[
              { value: 'all', label: t('search.allFilings') },
              ...(filings.data ?? []).map((f) => ({
                value: String(f.id),
                label: t('filingLabel', { id: f.id, platform: f.platform.name, start: f.period.start, end: f.period.end }),
              })),
            ]}
            data-testid="profile-filing"
          />
        </Group>
        {query ? <Results key={`${kind}|${filingId ?? ''}|${query}`} query={query} kind={kind} filingId={filingId} language={i18n.language} /> : <Text c="dimmed">{t('search.start')}</Text>}
      </Stack>
    </>
  );
}

function Results({ query, kind, filingId, language }: { query: string; kind: ProfileKind; filingId?: number; language: string }) {
  const { t } = useTranslation('profiles');
  const first = useApiQuery(() => api.profiles.search({ query, kind, filingId, limit: PAGE }), [query, kind, filingId], ['filings', 'findings']);
  const [more, setMore] = useState<{ items: ProfileHit[]; cursor: string | null; loading: boolean; error: string | null }>({ items: [], cursor: null, loading: false, error: null });
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null, loading: false, error: null }), [first.data]);

  if (first.error && !first.data) return <Alert color="red" role="alert">{first.error.message}</Alert>;
  if (!first.data) return <Loader aria-label="…" />;
  const items = [...first.data.items, ...more.items];
  if (items.length === 0) return <Text c="dimmed" data-testid="profile-results-empty">{t('search.empty', { kind: kind === 'account' ? t('search.kindAccount') : t('search.kindSubject') })}</Text>;

  const loadMore = async () => {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await api.profiles.search({ query, kind, filingId, limit: PAGE, cursor: more.cursor });
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false, error: null }));
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: e instanceof Error ? e.message : String(e) }));
    }
  };
  const format = (n: number) => n.toLocaleString(language);

  return (
    <Stack gap="sm">
      <Table striped highlightOnHover data-testid="profile-results">
        <Table.Thead>
          {kind === 'account' ? (
            <Table.Tr>
              <Table.Th>{t('columns.name')}</Table.Th>
              <Table.Th>{t('columns.accountId')}</Table.Th>
              <Table.Th>{t('columns.subject')}</Table.Th>
              <Table.Th>{t('columns.status')}</Table.Th>
              <Table.Th ta="right">{t('columns.followers')}</Table.Th>
              <Table.Th ta="right">{t('columns.findings')}</Table.Th>
              <Table.Th>{t('columns.filing')}</Table.Th>
            </Table.Tr>
          ) : (
            <Table.Tr>
              <Table.Th>{t('columns.name')}</Table.Th>
              <Table.Th>{t('columns.subjectId')}</Table.Th>
              <Table.Th>{t('columns.identityKey')}</Table.Th>
              <Table.Th>{t('columns.type')}</Table.Th>
              <Table.Th ta="right">{t('columns.accounts')}</Table.Th>
              <Table.Th ta="right">{t('columns.findings')}</Table.Th>
              <Table.Th>{t('columns.filing')}</Table.Th>
            </Table.Tr>
          )}
        </Table.Thead>
        <Table.Tbody>
          {items.map((hit) => (
            <Table.Tr key={`${hit.filing.id}/${hit.entityId}`} data-testid={`profile-hit-${hit.entityId}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} href={hit.kind === 'account' ? accountHref(hit.filing.id, hit.entityId) : subjectHref(hit.identityKey ?? '')} fw={500}>
                    {hit.name}
                  </Anchor>
                  <Badge size="xs" variant="outline" color={hit.matchedBy === 'id' ? 'indigo' : 'gray'}>
                    {hit.matchedBy === 'id' ? t('search.matchedById') : t('search.matchedByName')}
                  </Badge>
                </Group>
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">{hit.entityId}</Table.Td>
              {hit.kind === 'account' ? (
                <>
                  <Table.Td>
                    {hit.identityKey ? (
                      <Anchor component={Link} href={subjectHref(hit.identityKey)} size="sm">
                        {hit.subjectName ?? hit.identityKey}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ACCOUNT_STATUS_COLOR[hit.status ?? ''] ?? 'gray'} size="sm">
                      {hit.statusLabel}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{format(hit.followers ?? 0)}</Table.Td>
                </>
              ) : (
                <>
                  <Table.Td ff="monospace" fz="sm">{hit.identityKey}</Table.Td>
                  <Table.Td>{hit.subjectTypeLabel}</Table.Td>
                  <Table.Td ta="right">{format(hit.accountCount ?? 0)}</Table.Td>
                </>
              )}
              <Table.Td ta="right">
                {hit.findingCount > 0 ? (
                  <Badge color="red" variant="light" size="sm">
                    {format(hit.findingCount)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">0</Text>
                )}
              </Table.Td>
              <Table.Td>
                <FilingName filing={hit.filing} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more.error && <Alert color="red" role="alert">{more.error}</Alert>}
      {more.cursor && (
        <Button variant="light" onClick={() => void loadMore()} loading={more.loading} w="fit-content" data-testid="profile-more">
          {t('search.more')}
        </Button>
      )}
    </Stack>
  );
}

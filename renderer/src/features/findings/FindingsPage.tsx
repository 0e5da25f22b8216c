import { ActionIcon, Alert, Anchor, Badge, Box, Button, Checkbox, CloseButton, Group, Modal, Paper, ScrollArea, Select, Skeleton, Stack, Text, TextInput, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { IconFileSpreadsheet, IconSearch, IconX } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRoute, useSearchParams } from 'wouter';
import type { FacetName, FacetValue, FindingFilter, FindingRow, FindingSort, ReviewAction } from '@shared/api/findings';
import { FACETS, FINDING_SORTS, FINDING_STATUS_LABELS } from '@shared/api/findings';
import { SEVERITY_LABELS } from '@shared/domain/rules';
import { api } from '../../api/client';
import { useAppEvent } from '../../api/events';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/jobs';
import { EmptyState } from '../../components/EmptyState';
import { ExportNotice, exportAndDeliver, type DeliveredExport } from '../../components/ExportNotice';
import { JobProgressBar } from '../../components/JobProgressBar';
import { PageHeader } from '../../components/PageHeader';
import { FindingDetail } from './FindingDetail';
import { filterFromParams, filterKey, selectedValues, sortFromParams, withFacet } from './filters';
import { SEVERITY_COLORS, STATUS_COLORS, allowedActions } from './review';
import { PAGE_SIZE, useFindingPages } from './useFindingPages';

const ROW_HEIGHT = 40;
const FACET_PREVIEW = 8;
/** Columns with room for the account; with the detail panel open the account moves under the title. */
const WIDE_GRID = '32px 56px minmax(0, 1fr) minmax(0, 180px) 76px';
const NARROW_GRID = '28px 48px minmax(0, 1fr) 70px';

type Target = { ids: number[] } | { filter: FindingFilter };

/** What a row is about, by name where the filing names it. */
function objectName(row: FindingRow): string {
  return row.accountName ?? row.accountId ?? row.subjectName ?? (row.entity.type === 'account_group' ? row.entity.ids.join('、') : row.entity.id);
}

function FacetGroup({ facet, values, selected, onChange }: { facet: FacetName; values: FacetValue[]; selected: string[]; onChange(values: string[]): void }) {
  const { t, i18n } = useTranslation('findings');
  const [open, setOpen] = useState(false);
  if (values.length === 0 && selected.length === 0) return null;
  const shown = open ? values : values.filter((v, i) => i < FACET_PREVIEW || selected.includes(v.value));
  return (
    <Stack gap={2} data-testid={`facet-${facet}`}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t(`facets.${facet}`)}
      </Text>
      {shown.map((v) => {
        const checked = selected.includes(v.value);
        return (
          <Checkbox
            key={v.value}
            size="xs"
            checked={checked}
            onChange={() => onChange(checked ? selected.filter((s) => s !== v.value) : [...selected, v.value])}
            label={
              <Group gap={4} wrap="nowrap" justify="space-between" w={168}>
                <Text size="xs" truncate title={v.label ?? v.value}>
                  {v.label ?? v.value}
                </Text>
                <Text size="xs" c="dimmed">
                  {v.count.toLocaleString(i18n.language)}
                </Text>
              </Group>
            }
          />
        );
      })}
      {values.length > shown.length && (
        <Anchor size="xs" component="button" onClick={() => setOpen(true)}>
          {t('facets.more', { count: values.length - shown.length })}
        </Anchor>
      )}
    </Stack>
  );
}

export function FindingsPage() {
  const { t, i18n } = useTranslation('findings');
  const [params, setParams] = useSearchParams();
  const [, navigate] = useLocation();
  const [, route] = useRoute('/:id');
  const openId = route?.id && /^\d+$/.test(route.id) ? Number(route.id) : null;

  const filter = useMemo(() => filterFromParams(params), [params]);
  const sort = sortFromParams(params);
  const key = filterKey(filter, sort);
  const facets = useApiQuery(() => api.findings.facets(filter), [key], ['findings', 'filings']);
  const total = facets.data?.total ?? 0;
  const pages = useFindingPages(filter, sort, key);
  useAppEvent('data.changed', (change) => {
    if (change.scope === 'findings' || change.scope === 'filings') pages.reset(true);
  });

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allSelected, setAllSelected] = useState(false);
  useEffect(() => {
    setSelected(new Set());
    setAllSelected(false);
  }, [key]);
  const [active, setActive] = useState<number | null>(null);
  const [dismissing, setDismissing] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [search, setSearch] = useState(filter.q ?? '');
  useEffect(() => setSearch(filter.q ?? ''), [filter.q]);

  const job = useJob();
  const [exported, setExported] = useState<DeliveredExport | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 15 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total === 0) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) pages.load(p);
  }, [first, last, total, pages, pages.version]);

  const setQuery = (next: URLSearchParams) => setParams(next);
  const openFinding = useCallback((id: number) => navigate(`/${id}?${params.toString()}`), [navigate, params]);
  const closeFinding = () => navigate(`/?${params.toString()}`);

  const review = useCallback(
    async (action: ReviewAction, target: Target, dismissReason?: string) => {
      if (action === 'dismiss' && !dismissReason) {
        setReason('');
        setDismissing(target);
        return;
      }
      setMessage(null);
      try {
        const result = await api.findings.review({ ...target, action, ...(dismissReason ? { reason: dismissReason } : {}) });
        const text = t('bulkDone', { action: t(`actions.${action}`), updated: result.updated }) + (result.skipped ? t('bulkSkipped', { skipped: result.skipped }) : '');
        setMessage({ color: 'teal', text });
        setDismissing(null);
      } catch (e) {
        setMessage({ color: 'red', text: e instanceof Error ? e.message : String(e) });
      }
    },
    [t],
  );

  const activeRow = active !== null ? pages.rowAt(active) : undefined;
  // Keyboard: j / k move through the rows (opening each), c confirms, x dismisses.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || dismissing) return;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.closest('[role="dialog"]'))) return;
      if (e.key === 'j' || e.key === 'k') {
        if (total === 0) return;
        const next = active === null ? 0 : Math.max(0, Math.min(total - 1, active + (e.key === 'j' ? 1 : -1)));
        setActive(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
        const row = pages.rowAt(next);
        if (row) openFinding(row.id);
        e.preventDefault();
      } else if ((e.key === 'c' || e.key === 'x') && activeRow) {
        const action: ReviewAction = e.key === 'c' ? 'confirm' : 'dismiss';
        if (allowedActions(activeRow.status).includes(action)) void review(action, { ids: [activeRow.id] });
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, activeRow, total, dismissing, virtualizer, pages, openFinding, review]);

  const selectionTarget: Target | null = allSelected ? { filter } : selected.size > 0 ? { ids: [...selected] } : null;

  async function exportWorkbook() {
    setMessage(null);
    setExported(null);
    try {
      setExported(await exportAndDeliver(() => job.run((jobId) => api.findings.export({ ...filter, jobId }))));
    } catch (e) {
      setMessage({ color: 'red', text: e instanceof Error ? e.message : String(e) });
    }
  }

  const scopeChips: { label: string; remove: string[] }[] = [];
  if (filter.accountId) scopeChips.push({ label: t('scope.account', { id: filter.accountId }), remove: ['account'] });
  if (filter.identityKey) scopeChips.push({ label: t('scope.subject', { id: filter.identityKey }), remove: ['subject'] });
  if (filter.campaign)
    scopeChips.push({
      label: filter.campaign.category ? t('scope.campaignCategory', { id: filter.campaign.id, category: filter.campaign.category }) : t('scope.campaign', { id: filter.campaign.id }),
      remove: ['campaign', 'category'],
    });
  const hasFilter = [...params.keys()].some((k) => k !== 'sort');
  const wide = openId === null;
  const grid = wide ? WIDE_GRID : NARROW_GRID;
  const columns = wide ? (['severity', 'title', 'account', 'status'] as const) : (['severity', 'title', 'status'] as const);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Group gap="xs">
            <Select
              size="xs"
              w={130}
              aria-label={t('sort.label')}
              allowDeselect={false}
              value={sort}
              data={FINDING_SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
              onChange={(v) => {
                const next = new URLSearchParams(params);
                next.set('sort', (v ?? 'severity') as FindingSort);
                setQuery(next);
              }}
              data-testid="findings-sort"
            />
            <Button size="xs" leftSection={<IconFileSpreadsheet size={16} />} onClick={exportWorkbook} loading={job.running} disabled={total === 0}>
              {t('actions.export')}
            </Button>
          </Group>
        }
      />
      {job.running && (
        <Box mb="sm">
          <JobProgressBar progress={job.progress} onCancel={job.cancel} cancelLabel={t('actions.cancel')} />
        </Box>
      )}
      {exported && (
        <Box mb="sm">
          <ExportNotice key={exported.exportId} delivered={exported} />
        </Box>
      )}
      {message && (
        <Alert color={message.color} mb="sm" withCloseButton onClose={() => setMessage(null)} role={message.color === 'red' ? 'alert' : 'status'} data-testid="review-message">
          {message.text}
        </Alert>
      )}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Paper withBorder p="sm" w={230} style={{ flexShrink: 0 }}>
          <ScrollArea.Autosize mah="calc(100vh - 230px)" type="auto">
            <Stack gap="md" pr={6}>
              <TextInput
                size="xs"
                leftSection={<IconSearch size={14} />}
                placeholder={t('search')}
                aria-label={t('search')}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  const next = new URLSearchParams(params);
                  if (search.trim()) next.set('q', search.trim());
                  else next.delete('q');
                  setQuery(next);
                }}
                rightSection={
                  filter.q ? (
                    <CloseButton
                      size="xs"
                      aria-label={t('scope.remove')}
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        next.delete('q');
                        setQuery(next);
                      }}
                    />
                  ) : undefined
                }
                data-testid="findings-search"
              />
              {hasFilter && (
                <Button size="compact-xs" variant="subtle" onClick={() => setQuery(new URLSearchParams(sort !== 'severity' ? { sort } : {}))}>
                  {t('facets.clear')}
                </Button>
              )}
              {facets.data &&
                FACETS.map((facet) => (
                  <FacetGroup
                    key={facet}
                    facet={facet}
                    values={facets.data!.facets[facet] ?? []}
                    selected={selectedValues(filter, facet)}
                    onChange={(values) => setQuery(withFacet(params, facet, values))}
                  />
                ))}
            </Stack>
          </ScrollArea.Autosize>
        </Paper>

        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" mih={30}>
            <Group gap="xs">
              {/* No count before the first answer: "0" would read as a filing without findings. */}
              {facets.data ? (
                <Text size="sm" fw={600} data-testid="findings-total">
                  {t('total', { formatted: total.toLocaleString(i18n.language) })}
                </Text>
              ) : (
                <Skeleton height={18} width={72} aria-busy="true" aria-label={t('loading', { ns: 'common' })} />
              )}
              {scopeChips.map((chip) => (
                <Badge
                  key={chip.label}
                  variant="light"
                  rightSection={
                    <ActionIcon
                      size="xs"
                      variant="transparent"
                      aria-label={t('scope.remove')}
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        chip.remove.forEach((k) => next.delete(k));
                        setQuery(next);
                      }}
                    >
                      <IconX size={10} />
                    </ActionIcon>
                  }
                >
                  {chip.label}
                </Badge>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t('keyboard')}
            </Text>
          </Group>
          {selectionTarget && (
            <Paper withBorder p={6} data-testid="bulk-bar">
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {allSelected ? t('selection.all', { formatted: total.toLocaleString(i18n.language) }) : t('selection.selected', { count: selected.size })}
                </Text>
                {!allSelected && total > selected.size && (
                  <Anchor size="xs" component="button" onClick={() => setAllSelected(true)}>
                    {t('selection.selectAll')}
                  </Anchor>
                )}
                {(['confirm', 'dismiss', 'rectify', 'reopen'] as ReviewAction[]).map((a) => (
                  <Button key={a} size="compact-xs" variant="light" onClick={() => review(a, selectionTarget)}>
                    {t(`actions.${a}`)}
                  </Button>
                ))}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    setSelected(new Set());
                    setAllSelected(false);
                  }}
                >
                  {t('selection.clear')}
                </Button>
              </Group>
            </Paper>
          )}
          {facets.data && total === 0 ? (
            <EmptyState
              title={t('empty.title')}
              body={t('empty.body')}
              actions={
                hasFilter ? (
                  <Button variant="light" onClick={() => setQuery(new URLSearchParams())}>
                    {t('empty.clear')}
                  </Button>
                ) : (
                  <Button component={Link} href="~/import" variant="light">
                    {t('empty.import')}
                  </Button>
                )
              }
            />
          ) : (
            <Paper withBorder style={{ overflow: 'hidden' }}>
              <Box
                px="xs"
                py={6}
                style={{ display: 'grid', gridTemplateColumns: grid, gap: 8, alignItems: 'center', borderBottom: '1px solid var(--mantine-color-default-border)' }}
                role="row"
              >
                <Checkbox
                  size="xs"
                  aria-label={t('selection.selectAll')}
                  checked={allSelected}
                  indeterminate={!allSelected && selected.size > 0}
                  onChange={() => {
                    setAllSelected(!allSelected);
                    setSelected(new Set());
                  }}
                />
                {columns.map((c) => (
                  <Text key={c} size="xs" fw={700} c="dimmed" role="columnheader">
                    {t(`columns.${c}`)}
                  </Text>
                ))}
              </Box>
              <div ref={scrollRef} style={{ height: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' }} data-testid="findings-table" role="grid" aria-rowcount={total}>
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((item) => {
                    const row = pages.rowAt(item.index);
                    const isOpen = row !== undefined && row.id === openId;
                    return (
                      <div
                        key={item.key}
                        role="row"
                        aria-rowindex={item.index + 1}
                        data-testid={row ? `finding-row-${row.id}` : undefined}
                        aria-selected={isOpen}
                        style={{
                          position: 'absolute',
                          top: 0,
                          left: 0,
                          right: 0,
                          height: ROW_HEIGHT,
                          transform: `translateY(${item.start}px)`,
                          display: 'grid',
                          gridTemplateColumns: grid,
                          gap: 8,
                          alignItems: 'center',
                          padding: '0 var(--mantine-spacing-xs)',
                          borderBottom: '1px solid var(--mantine-color-default-border)',
                          background: isOpen ? 'var(--mantine-primary-color-light)' : item.index === active ? 'var(--mantine-color-default-hover)' : undefined,
                        }}
                      >
                        {row ? (
                          <>
                            <Checkbox
                              size="xs"
                              aria-label={t('selection.page')}
                              checked={allSelected || selected.has(row.id)}
                              disabled={allSelected}
                              onChange={() => {
                                const next = new Set(selected);
                                if (next.has(row.id)) next.delete(row.id);
                                else next.add(row.id);
                                setSelected(next);
                              }}
                            />
                            <Badge size="sm" color={SEVERITY_COLORS[row.severity]} variant="light">
                              {SEVERITY_LABELS[row.severity].zh}
                            </Badge>
                            <UnstyledButton
                              onClick={() => {
                                setActive(item.index);
                                openFinding(row.id);
                              }}
                              style={{ minWidth: 0 }}
                            >
                              <Text size="sm" truncate title={row.title}>
                                {row.title}
                              </Text>
                              <Text size="xs" c="dimmed" truncate>
                                {wide ? `${row.ruleId} · ${row.platformName}` : `${objectName(row)} · ${row.ruleId}`}
                              </Text>
                            </UnstyledButton>
                            {wide && (
                              <Tooltip label={row.subjectName ?? ''} disabled={!row.subjectName} openDelay={400}>
                                <Text size="xs" truncate>
                                  {objectName(row)}
                                </Text>
                              </Tooltip>
                            )}
                            <Badge size="sm" variant="dot" color={STATUS_COLORS[row.status]}>
                              {FINDING_STATUS_LABELS[row.status]}
                            </Badge>
                          </>
                        ) : (
                          <Skeleton height={14} style={{ gridColumn: '1 / -1' }} />
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            </Paper>
          )}
        </Stack>

        {openId !== null && (
          <Box w={400} style={{ flexShrink: 0, height: 'calc(100vh - 190px)' }}>
            <FindingDetail id={openId} onReview={(action, ids) => review(action, { ids })} onClose={closeFinding} />
          </Box>
        )}
      </Group>

      <Modal opened={dismissing !== null} onClose={() => setDismissing(null)} title={t('dismiss.title')}>
        <Stack gap="sm">
          {dismissing && (
            <Text size="sm">{t('dismiss.count', { count: 'ids' in dismissing ? dismissing.ids.length : total })}</Text>
          )}
          <Textarea label={t('dismiss.reason')} description={t('dismiss.reasonHint')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDismissing(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="gray" disabled={reason.trim() === ''} onClick={() => dismissing && review('dismiss', dismissing, reason.trim())}>
              {t('dismiss.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

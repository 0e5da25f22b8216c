import { Alert, Anchor, Badge, Blockquote, Button, Group, Paper, ScrollArea, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EvidenceRowView, FindingDetailView, ReviewAction } from '@shared/api/findings';
import { FINDING_STATUS_LABELS } from '@shared/api/findings';
import { FILING_TABLES, isTableName } from '@shared/domain/filing-schema';
import type { Citation } from '@shared/domain/provisions';
import { SEVERITY_LABELS } from '@shared/domain/rules';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { SEVERITY_COLORS, STATUS_COLORS, allowedActions } from './review';

/** Evidence rows grouped by table: one small table per source table, its columns the cited fields. */
function EvidenceTables({ evidence }: { evidence: EvidenceRowView[] }) {
  const { t } = useTranslation('findings');
  const groups = new Map<string, EvidenceRowView[]>();
  for (const e of evidence) groups.set(e.table, [...(groups.get(e.table) ?? []), e]);
  return (
    <Stack gap="sm">
      {[...groups.entries()].map(([table, rows]) => {
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r.key)))];
        return (
          <div key={table}>
            <Text size="sm" fw={600} mb={4}>
              {isTableName(table) ? `${FILING_TABLES[table].label}（${table}）` : table}
            </Text>
            <ScrollArea type="auto">
              <Table withTableBorder withColumnBorders striped fz="xs" data-testid={`evidence-${table}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('detail.row')}</Table.Th>
                    {columns.map((c) => (
                      <Table.Th key={c}>{c}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => (
                    <Table.Tr key={`${r.src_row}-${i}`}>
                      <Table.Td>{r.src_row}</Table.Td>
                      {columns.map((c) => (
                        <Table.Td key={c}>{r.key[c] === null || r.key[c] === undefined ? '—' : String(r.key[c])}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </div>
        );
      })}
    </Stack>
  );
}

/** The cited provisions' verbatim text from the provisions library. */
function Citations({ detail }: { detail: FindingDetailView }) {
  const citations: Citation[] = detail.citations.map(({ doc, article, clause, item }) => ({ doc, article, clause, item }) as Citation);
  const resolved = useApiQuery(() => (citations.length ? api.provisions.resolve({ citations }) : Promise.resolve([])), [detail.id]);
  return (
    <QueryView query={resolved}>
      {(items) => (
        <Stack gap="xs" data-testid="finding-citations">
          {items.map((c) => (
            <Blockquote key={c.id} p="xs" cite={`${c.docTitle} ${c.articleLabel ?? ''} ${c.locator}`.trim()} fz="sm">
              <Text size="xs" fw={600} mb={2}>
                <Anchor component={Link} href={`~/provisions?doc=${encodeURIComponent(c.citation.doc)}#${encodeURIComponent(c.id)}`}>
                  {c.reference}
                </Anchor>
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.text}
              </Text>
            </Blockquote>
          ))}
        </Stack>
      )}
    </QueryView>
  );
}

export function FindingDetail({ id, onReview, onClose }: { id: number; onReview(action: ReviewAction, ids: number[]): void; onClose(): void }) {
  const { t } = useTranslation('findings');
  const detail = useApiQuery(() => api.findings.get({ id }), [id], ['findings']);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setNote(detail.data?.note ?? ''), [detail.data?.id, detail.data?.note]);

  return (
    <Paper withBorder p="md" h="100%" data-testid="finding-detail" style={{ overflow: 'auto' }}>
      <QueryView query={detail}>
        {(d) => (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap={6}>
                  <Badge color={SEVERITY_COLORS[d.severity]}>{SEVERITY_LABELS[d.severity].zh}</Badge>
                  <Badge variant="light" color={STATUS_COLORS[d.status]} data-testid="detail-status">
                    {FINDING_STATUS_LABELS[d.status]}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    #{d.id} · {d.ruleId}
                  </Text>
                </Group>
                <Title order={4}>{d.title}</Title>
              </Stack>
              <Button variant="subtle" size="xs" onClick={onClose}>
                {t('actions.close')}
              </Button>
            </Group>
            {!d.present && <Alert color="gray">{t('detail.gone')}</Alert>}
            <Group gap="xs">
              {allowedActions(d.status).map((action) => (
                <Button key={action} size="xs" variant={action === 'confirm' ? 'filled' : 'light'} color={action === 'dismiss' ? 'gray' : undefined} onClick={() => onReview(action, [d.id])}>
                  {t(`actions.${action}`)}
                </Button>
              ))}
            </Group>
            <Stack gap={2}>
              <Text size="sm">
                {t('detail.platform')}：{d.platformName}
              </Text>
              {d.accountId && (
                <Text size="sm">
                  {t('detail.account')}：
                  <Anchor component={Link} href={`~/profiles/account/${d.filingId}/${encodeURIComponent(d.accountId)}`} data-testid="link-account">
                    {d.accountName ?? d.accountId}（{d.accountId}）
                  </Anchor>
                </Text>
              )}
              {d.identityKey && (
                <Text size="sm">
                  {t('detail.subject')}：
                  <Anchor component={Link} href={`~/profiles/subject/${encodeURIComponent(d.identityKey)}`} data-testid="link-subject">
                    {d.subjectName ?? d.identityKey}
                  </Anchor>
                </Text>
              )}
              {d.mcnId && (
                <Text size="sm">
                  {t('detail.mcn')}：
                  <Anchor component={Link} href={`~/network?filing=${d.filingId}&mcn=${encodeURIComponent(d.mcnId)}`} data-testid="link-mcn">
                    {d.mcnName ?? d.mcnId}
                  </Anchor>
                </Text>
              )}
              {d.dismissReason && (
                <Text size="sm">
                  {t('detail.dismissReason')}：{d.dismissReason}
                </Text>
              )}
            </Stack>
            <div>
              <Text fw={600} size="sm" mb={4}>
                {t('detail.explanation')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="finding-explanation">
                {d.explanation}
              </Text>
            </div>
            {d.evidence.length > 0 && (
              <div>
                <Text fw={600} size="sm" mb={4}>
                  {t('detail.evidence')}
                </Text>
                <EvidenceTables evidence={d.evidence} />
              </div>
            )}
            {d.citations.length > 0 && (
              <div>
                <Text fw={600} size="sm" mb={4}>
                  {t('detail.citations')}
                </Text>
                <Citations detail={d} />
              </div>
            )}
            <div>
              <Textarea label={t('detail.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxRows={6} />
              {error && (
                <Text c="red" size="xs">
                  {error}
                </Text>
              )}
              <Button
                mt={6}
                size="xs"
                variant="light"
                disabled={note === (d.note ?? '')}
                onClick={() => {
                  setError(null);
                  api.findings.setNote({ id: d.id, note: note.trim() === '' ? null : note }).catch((e: Error) => setError(e.message));
                }}
              >
                {t('actions.saveNote')}
              </Button>
            </div>
            <div>
              <Text fw={600} size="sm" mb={6}>
                {t('detail.history')}
              </Text>
              {d.history.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('detail.noHistory')}
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} data-testid="finding-history">
                  {d.history.map((h) => (
                    <Timeline.Item key={h.id} title={<Text size="sm">{`${t(`historyActions.${h.action}`)}：${FINDING_STATUS_LABELS[h.fromStatus]} → ${FINDING_STATUS_LABELS[h.toStatus]}`}</Text>}>
                      <Text size="xs" c="dimmed">
                        {h.at} · {h.actor}
                      </Text>
                      {h.reason && <Text size="xs">{h.reason}</Text>}
                      {h.note && <Text size="xs">{h.note}</Text>}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </div>
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

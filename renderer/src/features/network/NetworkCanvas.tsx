import { ActionIcon, Alert, Anchor, Badge, Button, Checkbox, CloseButton, ColorSwatch, Group, NumberInput, Paper, Popover, SegmentedControl, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconDownload, IconFilter, IconFocusCentered, IconPhoto, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type Sigma from 'sigma';
import { Link } from 'wouter';
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type GraphFocus, type GraphView } from '@shared/api/network';
import { SEVERITIES } from '@shared/domain/rules';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { detailsHref, metaValueLabel, EDGE_COLORS, edgeExistsOn, egoNodes, KIND_COLORS, nodeColor, searchNodes, SEVERITY_COLORS, toCanvasGraph, type CanvasGraph, type ColorMode, type EdgeAttrs, type NodeAttrs } from './graph-model';
import { downloadBase64, downloadBlob, sigmaToPng } from './snapshot';

/** Fills the window below the page header and toolbar, never smaller than a usable 420 px. */
const CANVAS_HEIGHT = 'max(420px, calc(100vh - 250px))';
const DIMMED = '#dee2e6';
type SigmaRenderer = Sigma<NodeAttrs, EdgeAttrs>;

export function NetworkCanvas({ filingId, focus }: { filingId: number; focus: GraphFocus }) {
  const focusKey = JSON.stringify(focus);
  const query = useApiQuery(() => api.network.graph({ filingId, focus, maxAccounts: 3000 }), [filingId, focusKey], ['network', 'findings']);
  return <QueryView query={query}>{(view) => <GraphPanel key={`${filingId}:${focusKey}`} view={view} filingId={filingId} focus={focus} />}</QueryView>;
}

function GraphPanel({ view, filingId, focus }: { view: GraphView; filingId: number; focus: GraphFocus }) {
  const { t } = useTranslation('network');
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<SigmaRenderer | null>(null);
  const [ready, setReady] = useState(0);
  const graph = useMemo<CanvasGraph>(() => toCanvasGraph(view, 'kind'), [view]);
  const [webglError, setWebglError] = useState<string | null>(null);
  const [layout, setLayout] = useState<{ running: boolean; ms: number }>({ running: true, ms: 0 });
  const [colorMode, setColorMode] = useState<ColorMode>('kind');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [ego, setEgo] = useState(false);
  const [hops, setHops] = useState(2);
  const [edgeKinds, setEdgeKinds] = useState<Set<EdgeKind>>(() => new Set(EDGE_KINDS));
  const [asOf, setAsOf] = useState('');

  const hits = useMemo(() => new Set(searchNodes(graph, search)), [graph, search]);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
  const edgeVisible = useMemo(() => {
    return (edge: string) => {
      const a = graph.getEdgeAttributes(edge);
      return edgeKinds.has(a.kind) && edgeExistsOn(a, day);
    };
  }, [graph, edgeKinds, day]);
  const egoSet = useMemo(() => (ego && selected && graph.hasNode(selected) ? egoNodes(graph, selected, hops, edgeVisible) : null), [ego, selected, hops, graph, edgeVisible]);
  const visibleCount = egoSet ? egoSet.size : graph.order;
  const visibleEdges = useMemo(
    () => graph.filterEdges((edge, _a, source, target) => edgeVisible(edge) && (!egoSet || (egoSet.has(source) && egoSet.has(target)))).length,
    [graph, edgeVisible, egoSet],
  );

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    let cleanup = () => undefined as void;
    // sigma touches WebGL globals when its module loads: load it with the canvas, not with the app.
    void Promise.all([import('sigma'), import('./layout')]).then(([{ default: Sigma }, { runLayout }]) => {
      if (cancelled) return;
      let renderer: SigmaRenderer;
      try {
        renderer = new Sigma<NodeAttrs, EdgeAttrs>(graph, element, {
          renderEdgeLabels: false,
          labelRenderedSizeThreshold: 9,
          labelFont: 'system-ui, sans-serif',
          hideEdgesOnMove: graph.size > 20_000,
          hideLabelsOnMove: graph.order > 20_000,
          zIndex: true,
          stagePadding: 60,
          minCameraRatio: 0.02,
          maxCameraRatio: 20,
        });
      } catch (error) {
        setWebglError(error instanceof Error ? error.message : String(error));
        setLayout({ running: false, ms: 0 });
        return;
      }
      sigmaRef.current = renderer;
      setReady((n) => n + 1);
      renderer.on('clickNode', ({ node }) => setSelected(node));
      renderer.on('clickStage', () => setSelected(null));
      renderer.on('enterNode', ({ node }) => setHovered(node));
      renderer.on('leaveNode', () => setHovered(null));
      const run = runLayout(graph, { maxMs: graph.order > 5000 ? 30_000 : 12_000 });
      void run.done.then(({ ms }) => !cancelled && setLayout({ running: false, ms }));
      cleanup = () => {
        run.stop();
        renderer.kill();
        sigmaRef.current = null;
      };
    }, (error: unknown) => setWebglError(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [graph]);

  useEffect(() => {
    const renderer = sigmaRef.current;
    if (!renderer) return;
    renderer.setSetting('nodeReducer', (node, data) => {
      const res: Partial<NodeAttrs> & { highlighted?: boolean; hidden?: boolean; forceLabel?: boolean; zIndex?: number } = { ...data, color: nodeColor(data, colorMode) };
      if (egoSet && !egoSet.has(node)) res.hidden = true;
      if (hits.size > 0 && !hits.has(node) && node !== selected) {
        res.color = DIMMED;
        res.label = '';
      } else if (hits.has(node)) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 1;
      }
      if (node === selected || node === hovered) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      }
      return res;
    });
    renderer.setSetting('edgeReducer', (edge, data) => {
      if (!edgeVisible(edge)) return { ...data, hidden: true };
      if (egoSet) {
        const [s, tg] = graph.extremities(edge);
        if (!egoSet.has(s) || !egoSet.has(tg)) return { ...data, hidden: true };
      }
      if (hits.size > 0) return { ...data, color: DIMMED };
      return data;
    });
  }, [colorMode, egoSet, hits, selected, hovered, edgeVisible, graph, ready]);

  const focusNode = (node: string) => {
    const renderer = sigmaRef.current;
    setSelected(node);
    if (!renderer) return;
    const display = renderer.getNodeDisplayData(node);
    if (display) void renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
  };

  const visibleKeys = () => {
    const keys: string[] = [];
    graph.forEachNode((node) => {
      if (!egoSet || egoSet.has(node)) keys.push(node);
    });
    return keys;
  };

  const exportPng = async () => {
    if (!sigmaRef.current) return;
    downloadBlob(await sigmaToPng(sigmaRef.current), `${fileStem(view, filingId)}.png`);
  };
  const exportXlsx = async () => {
    const result = await api.network.exportNodes({ filingId, focus, keys: egoSet || day !== null || edgeKinds.size < EDGE_KINDS.length ? visibleKeys() : undefined });
    downloadBase64(result.base64, result.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };

  const shown = selected ?? hovered;
  const details = shown && graph.hasNode(shown) ? graph.getNodeAttributes(shown) : null;

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={600}>{view.title}</Text>
          <Text size="xs" c="dimmed" data-testid="graph-counts">
            {t('canvas.nodesEdges', { nodes: visibleCount, edges: visibleEdges })} · {layout.running ? t('canvas.layoutRunning') : t('canvas.layoutDone', { seconds: (layout.ms / 1000).toFixed(1) })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconPhoto size={14} />} onClick={() => void exportPng()} disabled={webglError !== null} data-testid="export-png">
            {t('canvas.exportPng')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void exportXlsx()} data-testid="export-xlsx">
            {t('canvas.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {view.truncated && (
        <Alert color="yellow" py={4}>
          {t('canvas.truncated', { shown: view.nodes.filter((n) => n.kind === 'account').length, total: view.totalAccounts })}
        </Alert>
      )}
      {view.matrix && (
        <Group gap={6} aria-label={t('canvas.reasons')}>
          <Badge variant="filled" color="dark">
            {t('matrices.score')} {view.matrix.score}
          </Badge>
          {view.matrix.reasons.map((r) => (
            <Badge key={r.code} variant="light" color="gray" tt="none">
              {r.label} +{r.points}
            </Badge>
          ))}
        </Group>
      )}
      <Group gap="sm" align="flex-end">
        <TextInput
          size="xs"
          w={200}
          leftSection={<IconSearch size={14} />}
          placeholder={t('canvas.search')}
          aria-label={t('canvas.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = [...hits][0];
            if (e.key === 'Enter' && first) focusNode(first);
          }}
          data-testid="network-search"
          rightSection={search ? <Text size="xs" c="dimmed" pr={4}>{hits.size}</Text> : null}
          rightSectionWidth={40}
        />
        <SegmentedControl
          size="xs"
          value={colorMode}
          onChange={(v) => setColorMode(v as ColorMode)}
          aria-label={t('canvas.colorBy')}
          data={[
            { value: 'kind', label: t('canvas.colorKind') },
            { value: 'severity', label: t('canvas.colorSeverity') },
          ]}
        />
        <Switch size="sm" label={t('canvas.ego')} checked={ego} onChange={(e) => setEgo(e.currentTarget.checked)} data-testid="ego-toggle" />
        <NumberInput size="xs" w={70} min={1} max={5} value={hops} onChange={(v) => setHops(Number(v) || 1)} aria-label={t('canvas.hops')} disabled={!ego} />
        <Popover width={300} position="bottom-end" shadow="md">
          <Popover.Target>
            <Button size="xs" variant="default" leftSection={<IconFilter size={14} />} data-testid="edge-filter">
              {t('canvas.filters')}
              {edgeKinds.size < EDGE_KINDS.length || day !== null ? ' •' : ''}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap={6}>
              <Text size="xs" fw={600}>
                {t('canvas.edgeKinds')}
              </Text>
              {EDGE_KINDS.map((kind) => (
                <Checkbox
                  key={kind}
                  size="xs"
                  label={
                    <Group gap={4} wrap="nowrap">
                      <ColorSwatch color={EDGE_COLORS[kind]} size={10} />
                      {t(`edges.${kind}`)}
                    </Group>
                  }
                  checked={edgeKinds.has(kind)}
                  onChange={(e) => {
                    const next = new Set(edgeKinds);
                    if (e.currentTarget.checked) next.add(kind);
                    else next.delete(kind);
                    setEdgeKinds(next);
                  }}
                />
              ))}
              <TextInput size="xs" type="date" label={t('canvas.asOf')} description={t('canvas.asOfHint')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
            </Stack>
          </Popover.Dropdown>
        </Popover>
        <Tooltip label={t('canvas.fit')}>
          <ActionIcon variant="default" size="md" aria-label={t('canvas.fit')} onClick={() => void sigmaRef.current?.getCamera().animatedReset({ duration: 300 })}>
            <IconFocusCentered size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {ego && !selected && (
        <Text size="xs" c="dimmed">
          {t('canvas.egoHint')}
        </Text>
      )}
      <Paper withBorder pos="relative" h={CANVAS_HEIGHT} style={{ overflow: 'hidden' }}>
        {webglError ? (
          <Alert color="red" m="md">
            {t('canvas.noWebgl')} <Text size="xs">{webglError}</Text>
          </Alert>
        ) : (
          <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="network-canvas" data-visible-nodes={visibleCount} data-layout={layout.running ? 'running' : 'done'} />
        )}
        <Legend mode={colorMode} />
        {details && shown && (
          <Paper withBorder shadow="sm" p="xs" pos="absolute" top={8} right={8} w={280} style={{ zIndex: 2 }} data-testid="node-details" aria-label={t('canvas.details')}>
            <Group justify="space-between" wrap="nowrap" mb={4}>
              <Text fw={600} size="sm" truncate>
                {details.label}
              </Text>
              {selected && <CloseButton size="sm" aria-label={t('canvas.close')} onClick={() => setSelected(null)} />}
            </Group>
            <Group gap={4} mb={4}>
              <Badge size="xs" color={KIND_COLORS[details.kind]} variant="light">
                {t(`kinds.${details.kind}`)}
              </Badge>
              <Badge size="xs" color={SEVERITY_COLORS[details.severity ?? 'none']} variant="filled">
                {t(`severity.${details.severity ?? 'none'}`)}
              </Badge>
            </Group>
            <Table fz="xs" withRowBorders={false} verticalSpacing={1}>
              <Table.Tbody>
                {details.followers !== null && <MetaRow name={t('meta.followers')} value={details.followers.toLocaleString()} />}
                <MetaRow name={t('meta.findings')} value={String(details.findings)} />
                {details.community !== null && details.community > 0 && <MetaRow name={t('meta.community')} value={String(details.community)} />}
                {Object.entries(details.meta)
                  .filter(([, v]) => v !== null && v !== '')
                  .map(([k, v]) => (
                    <MetaRow key={k} name={t(`meta.${k}`, { defaultValue: k })} value={metaValueLabel(details.kind, k, v)} />
                  ))}
              </Table.Tbody>
            </Table>
            {detailsHref(details.kind, details.ref, filingId) && (
              <Anchor component={Link} href={detailsHref(details.kind, details.ref, filingId)!} size="xs">
                {t('canvas.openDetails')}
              </Anchor>
            )}
          </Paper>
        )}
      </Paper>
    </Stack>
  );
}

function MetaRow({ name, value }: { name: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w={90}>
        {name}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
    </Table.Tr>
  );
}

function Legend({ mode }: { mode: ColorMode }) {
  const { t } = useTranslation('network');
  const items = mode === 'kind' ? NODE_KINDS.map((k) => ({ key: k, color: KIND_COLORS[k], label: t(`kinds.${k}`) })) : [...SEVERITIES, 'none' as const].map((s) => ({ key: s, color: SEVERITY_COLORS[s], label: t(`severity.${s}`) }));
  return (
    <Paper withBorder p={6} pos="absolute" bottom={8} left={8} style={{ zIndex: 2, opacity: 0.92 }} aria-label={t('canvas.legend')} data-testid="network-legend">
      <Stack gap={2}>
        {items.map((i) => (
          <Group key={i.key} gap={6} wrap="nowrap">
            <ColorSwatch color={i.color} size={10} />
            <Text size="xs">{i.label}</Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function fileStem(view: GraphView, filingId: number): string {
  return `network-${filingId}-${view.title.replace(/[\\/:*?"<>|\s#：]+/g, '_')}`;
}

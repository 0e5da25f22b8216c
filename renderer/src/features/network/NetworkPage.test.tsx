import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { GraphView, McnStat, MatrixView, NetworkAnalysis, NetworkFiling } from '@shared/api/network';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import i18n from '../../app/i18n';
import { theme } from '../../app/theme';
import { NetworkPage } from './NetworkPage';

const mocks = vi.hoisted(() => ({
  filings: vi.fn(),
  matrices: vi.fn(),
  mcn: vi.fn(),
  graph: vi.fn(),
  analyse: vi.fn(),
}));

vi.mock('../../api/client', () => ({
  api: { network: { filings: mocks.filings, matrices: mocks.matrices, mcn: mocks.mcn, graph: mocks.graph, analyse: mocks.analyse, exportNodes: vi.fn(), locate: vi.fn(), members: vi.fn() } },
  subscribeEvents: () => () => {},
}));

// jsdom has no WebGL: sigma's constructor fails as it does on a machine without it.
vi.mock('sigma', () => ({
  default: class {
    constructor() {
      throw new Error('WebGL unavailable');
    }
  },
}));

const FILING: NetworkFiling = { filingId: 7, platformName: '星河短视频', periodStart: '2024-10-01', periodEnd: '2024-12-31', version: 1, analysedAt: '2025-01-06 10:00:00', matrixCount: 2 };
const ANALYSIS: NetworkAnalysis = {
  filingId: 7,
  analysedAt: '2025-01-06 10:00:00',
  durationMs: 1200,
  checkRunId: 3,
  stats: { accounts: 10, links: { identity: 2, identifier: 1, burst: 0 }, bursts: 0, matrices: 2, accountsInMatrices: 5, largestMatrix: 3, splitMatrices: 0, communities: 0, phases: {} },
};
const matrix = (id: number, score: number, names: string[]): MatrixView => ({
  matrixId: id,
  score,
  accounts: names.length,
  subjects: 2,
  identifiers: 1,
  bursts: 0,
  mcns: 0,
  findings: 1,
  followers: 100,
  worstSeverity: 'high',
  communities: 0,
  reasons: [{ code: 'identifiers', label: '共用 1 个手机号、设备或收款账户', value: 1, points: 6 }],
  sampleAccounts: names.map((n, i) => ({ accountId: `A${id}${i}`, displayName: n })),
});
const mcn = (id: string, name: string, findings: number, accountsWithActions: number): McnStat => ({
  mcnId: id,
  name,
  status: 'active',
  measures: [],
  actionsAgainst: {},
  signedAccounts: 3,
  contractedAccounts: 3,
  followers: 10,
  accountsWithActions,
  actions: accountsWithActions,
  findingsByRule: {},
  findings,
  worstSeverity: findings ? 'medium' : null,
});
const GRAPH: GraphView = {
  title: '账号组 #1',
  nodes: [
    { key: 'a:A10', kind: 'account', label: '甲号', ref: 'A10', followers: 10, severity: 'high', findings: 1, community: null, meta: {} },
    { key: 's:K1', kind: 'subject', label: '张*', ref: 'K1', followers: null, severity: null, findings: 0, community: null, meta: {} },
  ],
  edges: [{ key: 'owns:s:K1>a:A10', source: 's:K1', target: 'a:A10', kind: 'owns', from: null, to: null }],
  totalAccounts: 1,
  truncated: false,
  matrix: matrix(1, 42, ['甲号']),
  periodEnd: '2024-12-31',
};

function renderAt(path: string) {
  const location = memoryLocation({ path });
  return render(
    <MantineProvider theme={theme}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/network" nest component={NetworkPage} />
      </Router>
    </MantineProvider>,
  );
}

beforeEach(async () => {
  vi.clearAllMocks();
  await act(() => i18n.changeLanguage('zh-CN'));
  mocks.filings.mockResolvedValue([FILING]);
  mocks.matrices.mockResolvedValue({ analysis: ANALYSIS, total: 2, items: [matrix(1, 42, ['甲号', '乙号']), matrix(2, 20, ['丙号', '丁号'])] });
  mocks.mcn.mockResolvedValue({ periodEnd: '2024-12-31', items: [mcn('M1', '星河传媒', 1, 0), mcn('M2', '飞鱼文化', 5, 3), mcn('M3', '未来严选', 0, 0)] });
  mocks.graph.mockResolvedValue(GRAPH);
  mocks.analyse.mockResolvedValue(ANALYSIS);
});

describe('MCN与矩阵 page', () => {
  it('asks for an import when the workspace has no filing', async () => {
    mocks.filings.mockResolvedValue([]);
    renderAt('/network');
    expect(await screen.findByText('还没有备案数据')).toBeTruthy();
    expect(screen.getByRole('link', { name: '去导入' }).getAttribute('href')).toContain('/import');
  });

  it('lists the matrices of the latest filing by score and opens one on the canvas with its reasons', async () => {
    renderAt('/network');
    const list = await screen.findByTestId('matrix-list');
    expect(within(list).getAllByRole('button').map((b) => b.textContent)).toEqual(['#1', '#2']);
    expect(mocks.matrices).toHaveBeenCalledWith({ filingId: 7, limit: 100 });
    fireEvent.click(screen.getByRole('button', { name: '在画布中打开账号组 #1' }));
    await waitFor(() => expect(mocks.graph).toHaveBeenCalledWith({ filingId: 7, focus: { kind: 'matrix', matrixId: 1 }, maxAccounts: 3000 }));
    expect(await screen.findByText('账号组 #1')).toBeTruthy();
    expect(screen.getByText('共用 1 个手机号、设备或收款账户 +6')).toBeTruthy();
    // without WebGL the page says so instead of failing
    expect(await screen.findByText(/此环境不支持 WebGL/)).toBeTruthy();
  });

  it('opens the focus named in the address (findings link here)', async () => {
    renderAt('/network?filing=7&account=A10');
    await waitFor(() => expect(mocks.graph).toHaveBeenCalledWith({ filingId: 7, focus: { kind: 'account', accountId: 'A10' }, maxAccounts: 3000 }));
  });

  it('runs the analysis when the filing has none', async () => {
    mocks.matrices.mockResolvedValueOnce({ analysis: null, total: 0, items: [] });
    renderAt('/network');
    fireEvent.click(await screen.findByRole('button', { name: '运行网络分析' }));
    await waitFor(() => expect(mocks.analyse).toHaveBeenCalledWith(expect.objectContaining({ filingId: 7 })));
    await waitFor(() => expect(mocks.matrices).toHaveBeenCalledTimes(2));
  });

  it('sorts and filters the MCN table', async () => {
    renderAt('/network');
    fireEvent.click(await screen.findByRole('tab', { name: 'MCN机构' }));
    const table = await screen.findByTestId('mcn-table');
    const names = () => within(table).getAllByRole('button', { name: /在画布中查看/ }).map((b) => b.textContent);
    expect(names()).toEqual(['飞鱼文化', '星河传媒', '未来严选']);
    fireEvent.click(within(table).getByText('核查发现'));
    expect(names()).toEqual(['未来严选', '星河传媒', '飞鱼文化']);
    fireEvent.change(screen.getByLabelText('按名称或编号筛选'), { target: { value: 'M1' } });
    expect(names()).toEqual(['星河传媒']);
  });
});

import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DashboardOverview } from '@shared/api/dashboard';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import i18n from '../../app/i18n';
import { theme } from '../../app/theme';
import { DashboardPage } from './DashboardPage';

const mocks = vi.hoisted(() => ({ filings: vi.fn(), overview: vi.fn(), importSample: vi.fn(), run: vi.fn() }));

vi.mock('../../api/client', () => ({
  api: {
    filings: { list: mocks.filings, importSample: mocks.importSample },
    checks: { run: mocks.run },
    dashboard: { overview: mocks.overview },
    jobs: { cancel: vi.fn() },
  },
  subscribeEvents: () => () => {},
}));

const filing = (id: number, name: string, isSample = false) => ({
  id, packageSha256: `sha${id}`, packageId: null, sourceName: 'p.zip',
  platform: { platformId: `P${id}`, name, operator: null, uscc: null, province: null, newsLicenseNo: null },
  period: { start: '2024-10-01', end: '2024-12-31' }, generatedAt: null, complaintDeadlineDays: 15, version: 1, isSample,
  importedAt: '2025-01-06 09:00:00', importedBy: 'tester', tableCounts: { accounts: 3000, subjects: 2000 }, documents: [],
});

const overview = (filingId: number | null): DashboardOverview => ({
  filingId,
  total: 10,
  reviewed: 4,
  byStatus: { pending: 6, confirmed: 2, dismissed: 1, rectified: 1 },
  bySeverity: { high: 3, medium: 5, low: 2 },
  byRule: [
    { ruleId: 'credential.missing', severity: 'high', total: 3, byStatus: { pending: 3 } },
    { ruleId: 'agreement.unsigned', severity: 'low', total: 7, byStatus: { pending: 3, confirmed: 2, dismissed: 1, rectified: 1 } },
  ],
  filings: [
    { filingId: 1, platformName: '星河短视频', periodStart: '2024-10-01', periodEnd: '2024-12-31', version: 1, isSample: true, accounts: 3000, checkedAt: '2025-01-07 10:00:00', total: 8, reviewed: 4, bySeverity: {} },
    { filingId: 2, platformName: '云端直播', periodStart: '2024-10-01', periodEnd: '2024-12-31', version: 1, isSample: false, accounts: 3000, checkedAt: null, total: 0, reviewed: 0, bySeverity: {} },
  ],
  topAccounts: [{ filingId: 1, accountId: 'A1', displayName: '晴天跑步中', total: 4, pending: 2 }],
  topMcns: [{ filingId: 1, mcnId: 'M1', name: '星光传媒', total: 5, accountFindings: 4, ownFindings: 1, accountsWithFindings: 2 }],
});

function renderAt(search = '') {
  const location = memoryLocation({ path: '/', searchPath: search, record: true });
  render(
    <MantineProvider theme={theme}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/" component={DashboardPage} />
      </Router>
    </MantineProvider>,
  );
  return location;
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  mocks.filings.mockResolvedValue([filing(1, '星河短视频', true), filing(2, '云端直播')]);
  mocks.overview.mockImplementation(({ filingId }: { filingId?: number }) => Promise.resolve(overview(filingId ?? null)));
});
afterEach(() => vi.clearAllMocks());

describe('工作台', () => {
  it('offers the sample in an empty workspace, imports it and runs the checks', async () => {
    mocks.filings.mockResolvedValue([]);
    mocks.importSample.mockResolvedValue({ filing: filing(1, '星河短视频', true), report: {} });
    mocks.run.mockResolvedValue({});
    renderAt();
    fireEvent.click(await screen.findByTestId('load-sample'));
    await waitFor(() => expect(mocks.run).toHaveBeenCalledWith(expect.objectContaining({ filingId: 1 })));
    expect(mocks.overview).not.toHaveBeenCalled();
  });

  it('shows the figures of all filings, each clicking through to the filtered findings', async () => {
    renderAt();
    // The charts load lazily: the first render waits for the module.
    const severity = await screen.findByTestId('severity-breakdown', {}, { timeout: 10_000 });
    expect(mocks.overview).toHaveBeenCalledWith({});
    expect(within(severity).getByTestId('severity-breakdown-high').getAttribute('href')).toBe('/findings?severity=high');
    expect(within(severity).getByTestId('severity-breakdown-high').textContent).toContain('3');
    expect(screen.getByTestId('status-breakdown-dismissed').getAttribute('href')).toBe('/findings?status=dismissed');
    expect(screen.getByTestId('rule-link-agreement.unsigned').getAttribute('href')).toBe('/findings?rule=agreement.unsigned');
    expect(screen.getByTestId('rule-link-credential.missing').textContent).toContain('3');
    expect(screen.getByTestId('stat-progress').textContent).toContain('40%');
    expect(within(screen.getByTestId('top-accounts')).getByRole('link', { name: '晴天跑步中' }).getAttribute('href')).toBe('/profiles/account/1/A1');
    expect(within(screen.getByTestId('top-mcns')).getByRole('link', { name: '星光传媒' }).getAttribute('href')).toBe('/network?filing=1&mcn=M1');
  });

  it('narrows to one filing from its card, and the links carry the filing', async () => {
    const location = renderAt();
    const card = await screen.findByTestId('dashboard-filing-1');
    expect(card.textContent).toContain('示例数据');
    expect(card.textContent).toContain('3,000 个账号');
    await waitFor(() => expect(card.textContent).toContain('8 条核查发现'));
    expect(card.textContent).toContain('已复核 50%');
    expect(screen.getByTestId('dashboard-filing-2').textContent).toContain('尚未核查');
    fireEvent.click(screen.getByTestId('dashboard-scope-1'));
    await waitFor(() => expect(mocks.overview).toHaveBeenLastCalledWith({ filingId: 1 }));
    expect(location.history?.at(-1)).toBe('/?filing=1');
    await waitFor(() => expect(screen.getByTestId('severity-breakdown-medium').getAttribute('href')).toBe('/findings?filing=1&severity=medium'));
  });
});

import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FacetName, FacetValue, FindingDetailView, FindingRow } from '@shared/api/findings';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import i18n from '../../app/i18n';
import { theme } from '../../app/theme';
import { FindingsPage } from './FindingsPage';

const mocks = vi.hoisted(() => ({
  facets: vi.fn(),
  list: vi.fn(),
  get: vi.fn(),
  review: vi.fn(),
}));

vi.mock('../../api/client', () => ({
  api: {
    findings: { facets: mocks.facets, list: mocks.list, get: mocks.get, review: mocks.review, setNote: vi.fn(), export: vi.fn() },
    provisions: { resolve: vi.fn().mockResolvedValue([]) },
    jobs: { cancel: vi.fn() },
  },
  subscribeEvents: () => () => {},
}));

const row = (id: number, title: string, severity: FindingRow['severity']): FindingRow => ({
  id,
  filingId: 7,
  ruleId: severity === 'high' ? 'identity.unverified' : 'agreement.unsigned',
  severity,
  entity: { type: 'account', id: `A${id}` },
  title,
  explanation: `账号 A${id} ${title}`,
  status: 'pending',
  present: true,
  note: null,
  dismissReason: null,
  typicalCase: false,
  firstSeenRun: 1,
  lastSeenRun: 1,
  updatedAt: '2025-01-06 10:00:00',
  platformName: '星河短视频',
  accountId: `A${id}`,
  accountName: `观察${id}号`,
  subjectName: '杭州星河文化传媒有限公司',
  identityKey: 'K1',
  mcnId: null,
});

const ROWS = [row(11, '未实名核验', 'high'), row(12, '未实名核验', 'high'), row(13, '未签署服务协议', 'low')];

const FACETS: Record<FacetName, FacetValue[]> = {
  filing: [{ value: '7', count: 3, label: '#7 星河短视频' }],
  platform: [{ value: 'P001', count: 3, label: '星河短视频' }],
  rule: [
    { value: 'identity.unverified', count: 2, label: '未实名核验' },
    { value: 'agreement.unsigned', count: 1, label: '未签署服务协议' },
  ],
  severity: [
    { value: 'high', count: 2, label: '高' },
    { value: 'low', count: 1, label: '低' },
  ],
  status: [{ value: 'pending', count: 3, label: '待核实' }],
  mcn: [],
  category: [{ value: 'finance', count: 3, label: '财经' }],
};

function detail(r: FindingRow): FindingDetailView {
  return { ...r, evidence: [], citations: [], typicalSummary: null, createdAt: r.updatedAt, history: [], mcnName: null };
}

// The page is heavy for jsdom (a virtualized table, seven facet groups, a modal): on a busy machine a test takes seconds.
vi.setConfig({ testTimeout: 30_000 });

/** The last address navigated to, as path (without a trailing slash) and query. */
function address(location: { history?: string[] }) {
  const [path, search = ''] = location.history!.at(-1)!.split('?');
  return `${path.replace(/(.)\/$/, '$1')}${search ? `?${search}` : ''}`;
}

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  const view = render(
    <MantineProvider theme={theme}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/findings" nest component={FindingsPage} />
      </Router>
    </MantineProvider>,
  );
  return { ...view, location };
}

const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
const scrollTo = Element.prototype.scrollTo;

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  mocks.facets.mockResolvedValue({ total: ROWS.length, facets: FACETS });
  mocks.list.mockResolvedValue({ items: ROWS, next: null, nextCursor: null });
  mocks.get.mockImplementation(({ id }: { id: number }) => Promise.resolve(detail(ROWS.find((r) => r.id === id)!)));
  mocks.review.mockResolvedValue({ updated: 1, status: 'dismissed' });
  // jsdom lays nothing out: give the table's scroll box a size so the virtualizer renders rows.
  const sized = (size: number, own: PropertyDescriptor) =>
    function (this: Element) {
      return this.getAttribute('data-testid') === 'findings-table' ? size : (own.get!.call(this) as number);
    };
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: sized(400, clientHeight) });
  Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get: sized(800, clientWidth) });
  Element.prototype.scrollTo = vi.fn();
});

afterEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
  Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
  Element.prototype.scrollTo = scrollTo;
  vi.clearAllMocks();
});

describe('核查发现 facets', () => {
  it('shows no count until the counts have come: not "共 0 条" for a filing that has findings', async () => {
    let answer: (value: unknown) => void = () => {};
    mocks.facets.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    renderAt('/findings');
    expect(await screen.findByLabelText('加载中…')).toBeTruthy();
    expect(screen.queryByTestId('findings-total')).toBeNull();
    answer({ total: ROWS.length, facets: FACETS });
    expect((await screen.findByTestId('findings-total')).textContent).toBe('共 3 条');
  });

  it('lists each facet value with its count, and toggling one writes the address and refetches', async () => {
    const { location } = renderAt('/findings');
    const severity = await screen.findByTestId('facet-severity');
    expect(severity.textContent).toContain('严重程度');
    const high = within(severity).getByRole('checkbox', { name: /高/ });
    expect(high.closest('.mantine-Checkbox-root')!.textContent).toContain('2');
    expect(within(screen.getByTestId('facet-rule')).getByText('未签署服务协议').closest('.mantine-Checkbox-root')!.textContent).toContain('1');
    // A facet without values is left out.
    expect(screen.queryByTestId('facet-mcn')).toBeNull();
    expect(screen.getByTestId('findings-total').textContent).toBe('共 3 条');

    fireEvent.click(high);
    await waitFor(() => expect(address(location)).toBe('/findings?severity=high'));
    await waitFor(() => expect(mocks.facets).toHaveBeenLastCalledWith({ includeGone: false, severities: ['high'] }));
    expect(mocks.list).toHaveBeenLastCalledWith(expect.objectContaining({ severities: ['high'], sort: 'severity' }));
    expect((within(screen.getByTestId('facet-severity')).getByRole('checkbox', { name: /高/ }) as HTMLInputElement).checked).toBe(true);

    // A second value of the same facet joins the list; unticking both removes the parameter.
    fireEvent.click(within(screen.getByTestId('facet-severity')).getByRole('checkbox', { name: /低/ }));
    await waitFor(() => expect(address(location)).toBe('/findings?severity=high%2Clow'));
    fireEvent.click(within(screen.getByTestId('facet-severity')).getByRole('checkbox', { name: /高/ }));
    fireEvent.click(within(screen.getByTestId('facet-severity')).getByRole('checkbox', { name: /低/ }));
    await waitFor(() => expect(address(location)).toBe('/findings'));
  });
});

describe('核查发现 table and detail', () => {
  it('opens the detail panel of a clicked row, keeping the filter in the address', async () => {
    const { location } = renderAt('/findings?rule=identity.unverified');
    const second = await screen.findByTestId('finding-row-12');
    expect(screen.queryByTestId('finding-detail')).toBeNull();
    fireEvent.click(within(second).getByText('未实名核验'));
    const panel = await screen.findByTestId('finding-detail');
    expect(address(location)).toBe('/findings/12?rule=identity.unverified');
    expect(mocks.get).toHaveBeenCalledWith({ id: 12 });
    expect(await within(panel).findByTestId('finding-explanation')).toHaveProperty('textContent', '账号 A12 未实名核验');
    expect(within(panel).getByTestId('link-account').textContent).toBe('观察12号（A12）');
    expect(screen.getByTestId('finding-row-12').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('finding-row-11').getAttribute('aria-selected')).toBe('false');
  });

  it('dismisses only with a reason: the confirm button stays disabled until one is written', async () => {
    renderAt('/findings/11');
    const panel = await screen.findByTestId('finding-detail');
    fireEvent.click(await within(panel).findByRole('button', { name: '排除' }));
    const dialog = await screen.findByRole('dialog', { name: '排除核查发现' });
    expect(within(dialog).getByText('将排除 1 条')).toBeTruthy();
    const submit = within(dialog).getByRole('button', { name: '排除' });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.click(submit);
    expect(mocks.review).not.toHaveBeenCalled();

    const reason = within(dialog).getByRole('textbox', { name: /排除理由/ });
    fireEvent.change(reason, { target: { value: '   ' } });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.change(reason, { target: { value: '平台已于 12 月 3 日补签协议' } });
    expect(submit).toHaveProperty('disabled', false);
    fireEvent.click(submit);
    await waitFor(() => expect(mocks.review).toHaveBeenCalledWith({ ids: [11], action: 'dismiss', reason: '平台已于 12 月 3 日补签协议' }));
    expect((await screen.findByTestId('review-message')).textContent).toContain('已排除 1 条');
  });

  it('moves the active row with j and k, opening each', async () => {
    const { location } = renderAt('/findings');
    await screen.findByTestId('finding-row-13');
    const open = (id: number) => expect(screen.getByTestId(`finding-row-${id}`).getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => open(11));
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => open(12));
    expect(address(location)).toBe('/findings/12');
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => open(13));
    // The last row stays the last.
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => open(13));
    fireEvent.keyDown(document.body, { key: 'k' });
    await waitFor(() => open(12));
    expect(screen.getByTestId('finding-row-13').getAttribute('aria-selected')).toBe('false');
    expect(await screen.findByTestId('finding-detail')).toBeTruthy();
    await waitFor(() => expect(mocks.get).toHaveBeenLastCalledWith({ id: 12 }));

    // Typing in a field does not move.
    fireEvent.keyDown(screen.getByTestId('findings-search'), { key: 'j' });
    open(12);
  });
});

import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ProvisionDocumentSummary, ProvisionDocumentView, TraceabilityRowView } from '@shared/api/provisions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import i18n from '../../app/i18n';
import { theme } from '../../app/theme';
import { ProvisionsPage } from './ProvisionsPage';

const mocks = vi.hoisted(() => ({
  documents: vi.fn(),
  document: vi.fn(),
  traceability: vi.fn(),
  filings: vi.fn(),
}));

vi.mock('../../api/client', () => ({
  api: {
    provisions: { documents: mocks.documents, document: mocks.document, traceability: mocks.traceability, resolve: vi.fn() },
    filings: { list: mocks.filings },
  },
  subscribeEvents: () => () => {},
}));

const SUMMARIES: ProvisionDocumentSummary[] = [
  { code: 'GZ2021', title: '互联网用户公众账号信息服务管理规定', issuer: '国家互联网信息办公室', issuedOn: '2021-01-22', effectiveOn: '2021-02-22', articleCount: 2, ruleCount: 3 },
  { code: 'QL2024', title: '“清朗·整治违规开展互联网新闻信息服务”专项行动', issuer: '中央网信办', issuedOn: '2024-10', articleCount: 1, ruleCount: 1 },
];

const CLAUSE_1 = '公众账号信息服务平台应当采取复合验证等措施，对申请注册公众账号的互联网用户进行真实身份信息认证。';
const CLAUSE_2 = '公众账号信息服务平台应当对互联网用户注册的公众账号名称、头像和简介等进行合法合规性核验。';
const ITEM_1 = '不以真实身份信息注册，或者注册与自身真实身份信息不相符的公众账号名称、头像、简介等；';

const GZ2021: ProvisionDocumentView = {
  code: 'GZ2021',
  title: '互联网用户公众账号信息服务管理规定',
  issuer: '国家互联网信息办公室',
  issuedOn: '2021-01-22',
  effectiveOn: '2021-02-22',
  source: 'seed.txt',
  preamble: [],
  closing: [],
  documentRules: [],
  articles: [
    {
      id: 'GZ2021/8',
      label: '第八条',
      chapter: '第二章 公众账号信息服务平台',
      clauses: [
        { id: 'GZ2021/8/1', label: '第一款', text: CLAUSE_1, items: [] },
        { id: 'GZ2021/8/2', label: '第二款', text: CLAUSE_2, items: [] },
      ],
      rules: [
        { id: 'identity.unverified', titleZh: '未实名核验', titleEn: 'Real-identity verification missing', severity: 'high', openFindings: 3, cites: [{ id: 'GZ2021/8/1', locator: '第八条第一款' }] },
        { id: 'account.reregistered', titleZh: '被关闭账号以相同名称重新注册', titleEn: 'Closed account re-registered', severity: 'medium', openFindings: 0, cites: [{ id: 'GZ2021/8/3', locator: '第八条第三款' }] },
      ],
    },
    {
      id: 'GZ2021/18',
      label: '第十八条',
      chapter: '第三章 公众账号生产运营者',
      clauses: [
        {
          id: 'GZ2021/18/1',
          label: '第一款',
          text: '公众账号生产运营者不得有下列违法违规行为：',
          items: [{ id: 'GZ2021/18/1/1', label: '(一)', marker: '（一）', text: ITEM_1 }],
        },
      ],
      rules: [],
    },
  ],
};

const TRACE: TraceabilityRowView[] = [
  {
    id: 'GZ2021/8',
    citation: { doc: 'GZ2021', article: 8 },
    reference: 'GZ2021 第八条',
    docTitle: GZ2021.title,
    summaryZh: '真实身份信息认证',
    rules: [GZ2021.articles[0].rules[0]],
    checked: true,
  },
  {
    id: 'GZ2021/16',
    citation: { doc: 'GZ2021', article: 16 },
    reference: 'GZ2021 第十六条',
    docTitle: GZ2021.title,
    summaryZh: '平台建立健全信用评价体系',
    rules: [],
    checked: false,
  },
];

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  const view = render(
    <MantineProvider theme={theme}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/provisions" nest component={ProvisionsPage} />
      </Router>
    </MantineProvider>,
  );
  return { ...view, location };
}

const scrollIntoView = vi.fn();

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  mocks.documents.mockResolvedValue(SUMMARIES);
  mocks.document.mockResolvedValue(GZ2021);
  mocks.traceability.mockResolvedValue(TRACE);
  mocks.filings.mockResolvedValue([]);
  Element.prototype.scrollIntoView = scrollIntoView;
});

afterEach(() => {
  vi.clearAllMocks();
});

describe('条款库 document list', () => {
  it('lists the documents with issuer and dates, each opening its reading view', async () => {
    renderAt('/provisions');
    const card = await screen.findByTestId('document-GZ2021');
    expect(card.textContent).toContain('互联网用户公众账号信息服务管理规定');
    expect(card.textContent).toContain('国家互联网信息办公室');
    expect(card.textContent).toContain('2021-02-22');
    expect(card.getAttribute('href')).toBe('/provisions/GZ2021');
    expect(screen.getByTestId('document-QL2024').textContent).toContain('2024-10');
  });
});

describe('条款库 reading view', () => {
  it('renders the document article by article with its chapters, clauses and items', async () => {
    renderAt('/provisions/GZ2021');
    const article = await screen.findByTestId('article-GZ2021/8');
    expect(mocks.document).toHaveBeenCalledWith({ code: 'GZ2021', filingId: undefined });
    expect(screen.getByRole('heading', { name: '第二章 公众账号信息服务平台' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '第三章 公众账号生产运营者' })).toBeTruthy();
    // Each clause its own paragraph, verbatim; each item its own line with its marker.
    expect(document.getElementById('GZ2021/8/1')!.textContent).toContain(CLAUSE_1);
    expect(document.getElementById('GZ2021/8/2')!.textContent).toContain(CLAUSE_2);
    expect(document.getElementById('GZ2021/18/1/1')!.textContent).toBe(`（一）${ITEM_1}`);
    expect(within(article).getByRole('link', { name: '第八条' })).toBeTruthy();
  });

  it('shows the rules implementing each article with severity and open findings, linking to those findings', async () => {
    renderAt('/provisions/GZ2021');
    const article = await screen.findByTestId('article-GZ2021/8');
    const identity = within(article).getByTestId('rule-identity.unverified');
    expect(identity.getAttribute('href')).toBe('/findings?rule=identity.unverified');
    expect(identity.textContent).toContain('高');
    expect(identity.textContent).toContain('未实名核验');
    expect(within(identity).getByTestId('open-count').textContent).toBe('3 条未结');
    expect(identity.getAttribute('aria-label')).toContain('未结发现 3 条');
    const reregistered = within(article).getByTestId('rule-account.reregistered');
    expect(within(reregistered).getByTestId('open-count').textContent).toBe('无未结');
    // The cited clause carries a mark; an article no rule cites says so.
    expect(document.getElementById('GZ2021/8/1')!.className).not.toBe(document.getElementById('GZ2021/8/2')!.className);
    expect(within(screen.getByTestId('article-GZ2021/18')).getByText('暂无规则引用本条')).toBeTruthy();
  });

  it('scrolls a deep link to its article and moves focus there', async () => {
    renderAt('/provisions/GZ2021#GZ2021/18');
    const article = await screen.findByTestId('article-GZ2021/18');
    await waitFor(() => expect(document.activeElement).toBe(article));
    expect(scrollIntoView.mock.contexts).toContain(article);
  });

  it('scrolls a deep link to a clause and focuses its article', async () => {
    renderAt('/provisions/GZ2021#GZ2021/8/2');
    const article = await screen.findByTestId('article-GZ2021/8');
    await waitFor(() => expect(document.activeElement).toBe(article));
    expect(scrollIntoView.mock.contexts).toContain(document.getElementById('GZ2021/8/2'));
  });

  it('says so when a deep link names an article the document lacks', async () => {
    renderAt('/provisions/GZ2021#GZ2021/99');
    expect(await screen.findByText('没有找到条目 GZ2021/99')).toBeTruthy();
  });

  it('counts open findings of one filing when the link carries ?filing=', async () => {
    mocks.filings.mockResolvedValue([{ id: 7, platform: { name: '某平台' }, period: { start: '2024-01-01', end: '2024-06-30' } }]);
    const location = memoryLocation({ path: '/provisions/GZ2021', searchPath: 'filing=7' });
    render(
      <MantineProvider theme={theme}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <Route path="/provisions" nest component={ProvisionsPage} />
        </Router>
      </MantineProvider>,
    );
    const article = await screen.findByTestId('article-GZ2021/8');
    expect(mocks.document).toHaveBeenCalledWith({ code: 'GZ2021', filingId: 7 });
    expect(within(article).getByTestId('rule-identity.unverified').getAttribute('href')).toBe('/findings?rule=identity.unverified&filing=7');
    await waitFor(() => expect((screen.getByRole('textbox', { name: '未结发现统计范围' }) as HTMLInputElement).value).toBe('#7 某平台 2024-01-01–2024-06-30'));
  });

  it('hides the filing scope while the workspace has no filing', async () => {
    renderAt('/provisions/GZ2021');
    await screen.findByTestId('article-GZ2021/8');
    expect(mocks.filings).toHaveBeenCalled();
    expect(screen.queryByLabelText('未结发现统计范围')).toBeNull();
  });

  it('reports an unknown document code', async () => {
    renderAt('/provisions/XX1999');
    expect(await screen.findByText('没有这份规定文件')).toBeTruthy();
    expect(mocks.document).not.toHaveBeenCalled();
  });
});

describe('条款库 traceability', () => {
  it('lists every obligation with its rules and marks the ones no rule checks', async () => {
    renderAt('/provisions/traceability');
    const checked = await screen.findByTestId('obligation-GZ2021/8');
    expect(within(checked).getByTestId('rule-identity.unverified').getAttribute('href')).toBe('/findings?rule=identity.unverified');
    expect(within(checked).getByText('已核查')).toBeTruthy();
    expect(within(checked).getByRole('link', { name: 'GZ2021 第八条' }).getAttribute('href')).toBe('/provisions/GZ2021#GZ2021/8');
    const unchecked = screen.getByTestId('obligation-GZ2021/16');
    expect(within(unchecked).getByText('未核查')).toBeTruthy();
    expect(within(unchecked).getByText('这项义务目前没有核查规则，需人工核实。')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('共 2 项义务：1 项已有规则核查，1 项尚无规则核查。');
  });

  it('filters to the obligations no rule checks yet', async () => {
    renderAt('/provisions/traceability');
    await screen.findByTestId('obligation-GZ2021/8');
    fireEvent.click(screen.getByLabelText('尚无规则核查（1）'));
    await waitFor(() => expect(screen.queryByTestId('obligation-GZ2021/8')).toBeNull());
    expect(screen.getByTestId('obligation-GZ2021/16')).toBeTruthy();
  });

  it('switches between the tabs through the route', async () => {
    const { location } = renderAt('/provisions');
    await screen.findByTestId('document-GZ2021');
    fireEvent.click(screen.getByRole('tab', { name: '可追溯性' }));
    await screen.findByTestId('obligation-GZ2021/16');
    expect(location.history.at(-1)).toBe('/provisions/traceability');
  });

  it('speaks English when the locale is English', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderAt('/provisions/traceability');
    const checked = await screen.findByTestId('obligation-GZ2021/8');
    expect(screen.getByRole('tab', { name: 'Traceability' })).toBeTruthy();
    expect(within(checked).getByTestId('rule-identity.unverified').textContent).toContain('Real-identity verification missing');
    expect(within(screen.getByTestId('obligation-GZ2021/16')).getByText('Not checked')).toBeTruthy();
  });
});

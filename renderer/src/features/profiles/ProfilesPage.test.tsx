import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AccountProfile, ProfileHit, SubjectProfile } from '@shared/api/profiles';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import i18n from '../../app/i18n';
import { theme } from '../../app/theme';
import { shadedWindows } from './FollowerChart';
import { ProfilesPage } from './ProfilesPage';

const mocks = vi.hoisted(() => ({ search: vi.fn(), account: vi.fn(), contents: vi.fn(), subject: vi.fn(), filings: vi.fn() }));

vi.mock('../../api/client', () => ({
  api: {
    profiles: { search: mocks.search, account: mocks.account, contents: mocks.contents, subject: mocks.subject },
    filings: { list: mocks.filings },
  },
  subscribeEvents: () => () => {},
}));

const FILING = { id: 1, platformName: '星河短视频', periodStart: '2024-10-01', periodEnd: '2024-12-31', version: 1, isSample: true };

const hit = (id: string, name: string, matchedBy: 'id' | 'name' = 'name'): ProfileHit => ({
  kind: 'account', filing: FILING, entityId: id, name, identityKey: 'IK1', matchedBy, subjectName: '张*', status: 'active', statusLabel: '正常',
  followers: 1234, subjectTypeLabel: null, accountCount: null, findingCount: id === 'A1' ? 2 : 0,
});

const ACCOUNT: AccountProfile = {
  filing: FILING,
  accountId: 'A1',
  displayName: '晴天跑步中',
  status: 'banned',
  statusLabel: '禁言中',
  attributes: [
    { name: 'account_id', label: '账号ID', value: 'A1' },
    { name: 'content_category', label: '内容生产类别', value: '生活' },
    { name: 'bio', label: '简介', value: null },
  ],
  subject: { subjectId: 'S1', name: '张*', identityKey: 'IK1', subjectTypeLabel: '个人', attributes: [], accountCount: 3, filingCount: 2 },
  credentials: [],
  mcnContracts: [{ mcnId: 'M1', name: '星光传媒', statusLabel: '正常', measures: null, signedAt: '2024-01-01', endedAt: null }],
  identifiers: [{ kind: 'phone', kindLabel: '手机号', valueHash: 'H1', otherCount: 2, others: [{ accountId: 'A2', displayName: '小号一' }] }],
  enforcement: [
    { actionId: 'E1', action: 'ban', actionLabel: '禁言', reason: 'rumor_making', reasonLabel: '制作发布谣言', startAt: '2024-11-10 08:00:00', endAt: '2024-11-17 08:00:00', reported: false, contentId: null },
    { actionId: 'E2', action: 'warning', actionLabel: '警示提醒', reason: 'vulgar', reasonLabel: '低俗', startAt: '2024-10-05 08:00:00', endAt: null, reported: true, contentId: 'C9' },
  ],
  enforcementTotal: 2,
  followerSeries: [{ date: '2024-10-01', followers: 100 }, { date: '2024-12-31', followers: 900 }],
  transfers: [],
  complaints: [],
  complaintsTotal: 0,
  findings: [{ id: 7, filingId: 1, ruleId: 'followers.gain_during_ban', severity: 'medium', status: 'pending', title: '禁言期间新增粉丝 800 人', via: 'account' }],
  findingsTotal: 1,
  contentsTotal: 1,
};

const SUBJECT: SubjectProfile = {
  identityKey: 'IK1',
  records: [
    { filing: { ...FILING, id: 2, periodEnd: '2025-03-31' }, subjectId: 'S7', name: '张某', subjectTypeLabel: '个人', attributes: [], accountCount: 1 },
    { filing: FILING, subjectId: 'S1', name: '张*', subjectTypeLabel: '个人', attributes: [], accountCount: 1 },
  ],
  accounts: [
    { filing: { ...FILING, id: 2 }, accountId: 'B1', displayName: '新号', status: 'active', statusLabel: '正常', categoryLabel: '生活', followers: 10, findingCount: 0 },
    { filing: FILING, accountId: 'A1', displayName: '晴天跑步中', status: 'banned', statusLabel: '禁言中', categoryLabel: '生活', followers: 900, findingCount: 2 },
  ],
  accountsTotal: 2,
  findings: [],
  findingsTotal: 0,
};

function renderAt(path: string, search = '') {
  const location = memoryLocation({ path, searchPath: search, record: true });
  render(
    <MantineProvider theme={theme}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/profiles" nest component={ProfilesPage} />
      </Router>
    </MantineProvider>,
  );
  return location;
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  mocks.filings.mockResolvedValue([]);
  mocks.account.mockResolvedValue(ACCOUNT);
  mocks.subject.mockResolvedValue(SUBJECT);
  mocks.contents.mockResolvedValue({ items: [{ contentId: 'C9', publishedAt: '2024-10-04 10:00:00', title: '一条内容', excerpt: '正文', topicLabel: '时政', flags: ['技术生成'], sourceLabel: null }], nextCursor: null });
});
afterEach(() => vi.clearAllMocks());

describe('账号与主体 search', () => {
  it('searches as the inspector types and links each hit to its account and subject pages', async () => {
    mocks.search.mockResolvedValue({ items: [hit('A1', '晴天跑步中', 'id')], nextCursor: null });
    renderAt('/profiles');
    expect(screen.getByText('输入检索词开始。')).toBeTruthy();
    fireEvent.change(screen.getByTestId('profile-search'), { target: { value: 'A1' } });
    const row = await screen.findByTestId('profile-hit-A1');
    expect(mocks.search).toHaveBeenLastCalledWith({ query: 'A1', kind: 'account', filingId: undefined, limit: 50 });
    expect(within(row).getByRole('link', { name: '晴天跑步中' }).getAttribute('href')).toBe('/profiles/account/1/A1');
    expect(within(row).getByRole('link', { name: '张*' }).getAttribute('href')).toBe('/profiles/subject/IK1');
    expect(row.textContent).toContain('编号匹配');
    expect(row.textContent).toContain('示例数据');
  });

  it('loads the next page with the cursor of the previous one', async () => {
    mocks.search.mockResolvedValueOnce({ items: [hit('A1', '晴天一')], nextCursor: 'c1' }).mockResolvedValueOnce({ items: [hit('A2', '晴天二')], nextCursor: null });
    renderAt('/profiles', 'q=晴天');
    await screen.findByTestId('profile-hit-A1');
    fireEvent.click(screen.getByTestId('profile-more'));
    await screen.findByTestId('profile-hit-A2');
    expect(mocks.search).toHaveBeenLastCalledWith({ query: '晴天', kind: 'account', filingId: undefined, limit: 50, cursor: 'c1' });
    expect(screen.queryByTestId('profile-more')).toBeNull();
  });

  it('searches subjects of one filing when the address says so, and says when nothing matches', async () => {
    mocks.search.mockResolvedValue({ items: [], nextCursor: null });
    renderAt('/profiles', 'q=IKX&kind=subject&filing=3');
    expect(await screen.findByTestId('profile-results-empty')).toBeTruthy();
    expect(mocks.search).toHaveBeenCalledWith({ query: 'IKX', kind: 'subject', filingId: 3, limit: 50 });
    expect(screen.getByText('没有匹配的运营主体。')).toBeTruthy();
  });
});

describe('account page', () => {
  it('shows the account with links to its subject, its findings and each finding', async () => {
    renderAt('/profiles/account/1/A1');
    expect((await screen.findByTestId('account-name')).textContent).toBe('晴天跑步中');
    expect(mocks.account).toHaveBeenCalledWith({ filingId: 1, accountId: 'A1' });
    const attributes = screen.getByTestId('account-attributes');
    expect(attributes.textContent).toContain('内容生产类别');
    expect(attributes.textContent).toContain('生活');
    expect(screen.getByTestId('account-subject-link').getAttribute('href')).toBe('/profiles/subject/IK1');
    expect(screen.getByTestId('account-findings-link').getAttribute('href')).toBe('/findings?filing=1&account=A1');
    const finding = screen.getByTestId('profile-finding-7');
    expect(within(finding).getByRole('link', { name: '禁言期间新增粉丝' }).getAttribute('href')).toBe('/findings/7');
    expect(finding.textContent).toContain('禁言期间新增粉丝 800 人');
  });

  it('draws the enforcement timeline and shades the ban on the follower chart', async () => {
    renderAt('/profiles/account/1/A1');
    const ban = await screen.findByTestId('enforcement-E1');
    expect(ban.textContent).toContain('禁言 · 制作发布谣言');
    expect(ban.textContent).toContain('未报告网信部门');
    expect(screen.getByTestId('enforcement-E2').textContent).toContain('未设结束时间');
    expect(screen.getByTestId('follower-chart').getAttribute('data-windows')).toBe('ban');
  });

  it('lists contents, MCN contracts linking to the network and shared identifiers linking to the other accounts', async () => {
    renderAt('/profiles/account/1/A1');
    await screen.findByTestId('account-contents');
    expect(mocks.contents).toHaveBeenCalledWith({ filingId: 1, accountId: 'A1', limit: 50, cursor: undefined });
    expect(screen.getByTestId('account-contents').textContent).toContain('技术生成');
    fireEvent.click(screen.getByRole('tab', { name: 'MCN签约（1）' }));
    expect((await screen.findByRole('link', { name: '星光传媒' })).getAttribute('href')).toBe('/network?filing=1&mcn=M1');
    fireEvent.click(screen.getByRole('tab', { name: '关联标识（1）' }));
    const phone = await screen.findByTestId('identifier-phone');
    expect(phone.textContent).toContain('与 2 个其他账号相同');
    expect(within(phone).getByRole('link', { name: '小号一' }).getAttribute('href')).toBe('/profiles/account/1/A2');
  });
});

describe('subject page', () => {
  it('lists the accounts of the identity across filings', async () => {
    renderAt('/profiles/subject/IK1');
    expect((await screen.findByTestId('subject-name')).textContent).toBe('张某');
    expect(mocks.subject).toHaveBeenCalledWith({ identityKey: 'IK1' });
    expect(screen.getByTestId('subject-findings-link').getAttribute('href')).toBe('/findings?subject=IK1');
    const accounts = screen.getByTestId('subject-accounts');
    expect(within(accounts).getByRole('link', { name: '新号' }).getAttribute('href')).toBe('/profiles/account/2/B1');
    expect(within(screen.getByTestId('subject-account-A1')).getByRole('link', { name: '2' }).getAttribute('href')).toBe('/findings?filing=1&account=A1');
    await waitFor(() => expect(screen.getByTestId('subject-records').querySelectorAll('tbody tr')).toHaveLength(2));
  });
});

describe('shadedWindows', () => {
  const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`);
  const entry = (actionId: string, action: string, startAt: string, endAt: string | null) => ({
    actionId, action, actionLabel: action, reason: 'other', reasonLabel: '其他', startAt, endAt, reported: null, contentId: null,
  });

  it('shades timed measures clipped to the series, open-ended ones to its end, and nothing else', () => {
    const windows = shadedWindows(
      [
        entry('E1', 'ban', '2024-09-20 10:00:00', '2024-10-03 10:00:00'),
        entry('E2', 'freeze_followers', '2024-12-20 00:00:00', null),
        entry('E3', 'warning', '2024-10-10 00:00:00', null),
        entry('E4', 'suspend_update', '2025-02-01 00:00:00', '2025-02-03 00:00:00'),
      ],
      day('2024-10-01'),
      day('2024-12-31'),
    );
    expect(windows.map((w) => [w.actionId, w.x1, w.x2])).toEqual([
      ['E1', day('2024-10-01'), day('2024-10-03')],
      ['E2', day('2024-12-20'), day('2024-12-31')],
    ]);
  });
});

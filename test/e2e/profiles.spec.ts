import fs from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';

const DEMO = path.join(ROOT, 'resources/samples/demo-filing.zip');
type Entity = { type: string; id: string };
const truth = JSON.parse(fs.readFileSync(`${DEMO}.ground-truth.json`, 'utf8')) as { rules: Record<string, { expected: Entity[] }> };

test('search an account, read its profile with the ban shaded on the follower chart, go to its subject and back', async ({ page, workstation }) => {
  expect((await workstation.cli('import', DEMO)).code).toBe(0);
  expect((await workstation.cli('check', '1')).code).toBe(0);
  // An account the sample plants with followers gained during a ban: it has a ban, a follower series and a finding.
  const accountId = truth.rules['followers.gain_during_ban'].expected[0].id;

  await page.goto(workstation.url);
  await page.getByTestId('nav-profiles').click();
  await page.getByTestId('profile-search').fill(accountId);
  const hit = page.getByTestId(`profile-hit-${accountId}`);
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('编号匹配');
  await page.screenshot({ path: 'test-results/screenshots/profiles-search.png' });
  await hit.getByRole('link').first().click();

  await expect(page.getByTestId('account-attributes')).toContainText(accountId);
  await expect(page.getByTestId('follower-chart')).toHaveAttribute('data-windows', /ban/);
  await expect(page.locator('[data-testid="follower-chart"] .recharts-reference-area').first()).toBeVisible();
  await expect(page.getByTestId('account-enforcement')).toContainText('禁言');
  const finding = page.locator('[data-testid^="profile-finding-"]').filter({ hasText: '禁言期间新增粉丝' });
  await expect(finding).toBeVisible();
  await expect(finding.getByRole('link')).toHaveAttribute('href', /#\/findings\/\d+$/);
  await expect(page.getByTestId('account-findings-link')).toHaveAttribute('href', new RegExp(`filing=1&account=${accountId}`));
  await page.screenshot({ path: 'test-results/screenshots/profiles-account.png', fullPage: true });

  const subjectName = (await page.getByTestId('account-subject-link').textContent())!;
  await page.getByTestId('account-subject-link').click();
  await expect(page.getByTestId('subject-name')).toHaveText(subjectName);
  const row = page.getByTestId(`subject-account-${accountId}`);
  await expect(row).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/profiles-subject.png', fullPage: true });
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('account-attributes')).toContainText(accountId);
});

test('finds accounts by a fragment of their name', async ({ page, workstation }) => {
  expect((await workstation.cli('import', DEMO)).code).toBe(0);
  await page.goto(workstation.url);
  await page.getByTestId('nav-profiles').click();
  // The first account's name, less its first character: a substring, not a prefix.
  await page.getByTestId('profile-search').fill('A00000001');
  const first = page.getByTestId('profile-hit-A00000001');
  await expect(first).toBeVisible();
  const name = (await first.getByRole('link').first().textContent())!;
  const fragment = name.slice(1);
  await page.getByTestId('profile-search').fill(fragment);
  await expect(page.getByTestId('profile-hit-A00000001')).toContainText('名称匹配');
  for (const link of await page.locator('[data-testid^="profile-hit-"] a[href*="/profiles/account/"]').all()) {
    await expect(link).toContainText(fragment);
  }
});

import { expect, test } from './fixtures';

test('reads GZ2021 in 条款库: 第八条 verbatim with its rule badges, then the traceability view', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await page.getByTestId('nav-provisions').click();
  await expect(page.getByRole('heading', { level: 2, name: '条款库' })).toBeVisible();

  await page.getByTestId('document-GZ2021').click();
  await expect(page.getByRole('heading', { name: '互联网用户公众账号信息服务管理规定' })).toBeVisible();
  const article8 = page.getByTestId('article-GZ2021/8');
  await expect(article8).toContainText('第八条');
  await expect(article8).toContainText('公众账号信息服务平台应当采取复合验证等措施');
  // The rules implementing 第八条, each linking to its findings; a fresh workspace has none open.
  const identity = article8.getByTestId('rule-identity.unverified');
  await expect(identity).toContainText('未实名核验');
  await expect(identity).toHaveAttribute('href', /findings\?rule=identity\.unverified/);
  await expect(identity.getByTestId('open-count')).toHaveText('无未结');
  await expect(article8.getByTestId('rule-name.protected_unreviewed')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/provisions-gz2021.png' });
  await article8.screenshot({ path: 'test-results/screenshots/provisions-gz2021-article8.png' });

  await page.getByRole('tab', { name: '可追溯性' }).click();
  await expect(page.getByTestId('obligation-GZ2021/8')).toContainText('已核查');
  await page.screenshot({ path: 'test-results/screenshots/provisions-traceability-all.png' });
  await expect(page.getByRole('table', { name: '义务与核查规则对照表' })).toBeVisible();
  await page.getByText(/^尚无规则核查（\d+）$/).click();
  await expect(page.getByTestId('obligation-GZ2021/8')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: '未核查' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/provisions-traceability.png', fullPage: true });
});

test('a deep link scrolls to the article and the keyboard reaches its rule badges', async ({ page, workstation }) => {
  const url = new URL(workstation.url);
  url.hash = '/provisions/GZ2021#GZ2021/18';
  await page.goto(url.toString());
  const article18 = page.getByTestId('article-GZ2021/18');
  await expect(article18).toBeFocused();
  await expect(article18).toBeInViewport();
  await expect(article18).toContainText('（四）操纵利用多个平台账号');
  // Tab from the focused article lands on its label link, then on the first rule badge.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', /^rule-/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?rule=[\w.]+#\/findings$/);
});

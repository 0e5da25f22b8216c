import { expect, test } from './fixtures';

const SECTIONS: [string, string][] = [
  ['dashboard', '工作台'],
  ['import', '导入'],
  ['findings', '核查发现'],
  ['profiles', '账号与主体'],
  ['network', 'MCN与矩阵'],
  ['campaigns', '专项行动'],
  ['provisions', '条款库'],
  ['audit', '审计日志'],
  ['settings', '设置'],
];

test('opens with the token and navigates every section in Chinese', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await expect(page.getByRole('heading', { level: 1, name: '备案核查工作台' })).toBeVisible();
  await expect(page.getByTestId('door-badge')).toHaveText('浏览器模式');
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');
  for (const [key, label] of SECTIONS) {
    await page.getByTestId(`nav-${key}`).click();
    await expect(page.getByRole('heading', { level: 2, name: label }).first()).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/screenshots/shell-settings.png' });
});

test('is keyboard reachable: tab to the navigation and open a section with Enter', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await expect(page.getByTestId('nav-audit')).toBeVisible();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByTestId('nav-audit').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByTestId('nav-audit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '审计日志' })).toBeVisible();
});

test('switches to English and to the dark theme', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await page.locator('label', { hasText: /^EN$/ }).click();
  await expect(page.getByTestId('nav-findings')).toHaveText('Findings');
  await page.getByRole('button', { name: 'Toggle light/dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: 'test-results/screenshots/shell-en-dark.png' });
});

test('refuses API calls without the token or from another Origin', async ({ request, workstation }) => {
  const noToken = await request.post(`${workstation.origin}/api/app.info`, { data: null });
  expect(noToken.status()).toBe(401);
  const foreign = await request.post(`${workstation.origin}/api/app.info`, {
    data: null,
    headers: { Authorization: `Bearer ${workstation.token}`, Origin: 'http://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  const bad = await request.post(`${workstation.origin}/api/audit.list`, { data: { limit: 'many' }, headers: { Authorization: `Bearer ${workstation.token}` } });
  expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  const ok = await request.post(`${workstation.origin}/api/app.info`, { data: null, headers: { Authorization: `Bearer ${workstation.token}` } });
  expect(await ok.json()).toMatchObject({ ok: true, value: { door: 'browser' } });
});

test('a page opened without the token is refused', async ({ page, workstation }) => {
  const response = await page.goto(workstation.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('token');
});

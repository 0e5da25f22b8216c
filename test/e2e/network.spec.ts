import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM } from '../../playwright.config';
import { expect, ROOT, test } from './fixtures';

// The canvas needs WebGL: without a GPU, Chromium draws it with SwiftShader (software), which the
// shared configuration's --disable-gpu would switch off.
test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--no-first-run'],
  },
});

test('opens the biggest matrix of the sample, searches an account, switches to the ego view and exports a PNG', async ({ page, workstation }) => {
  test.setTimeout(180_000);
  const sample = path.join(ROOT, 'resources/samples/demo-filing.zip');
  expect((await workstation.cli('import', sample)).code).toBe(0);
  expect((await workstation.cli('check', '1')).code).toBe(0);
  const listed = await workstation.cli('network', 'matrices', '1', '--json');
  expect(listed.code).toBe(0);
  const matrices = listed.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { matrixId: number; accounts: number; accountIds: string[] });
  const biggest = matrices.reduce((a, b) => (b.accounts > a.accounts ? b : a));
  const account = biggest.accountIds[0];

  await page.goto(workstation.url);
  await page.getByTestId('nav-network').click();
  await expect(page.getByRole('heading', { level: 2, name: 'MCN与矩阵' })).toBeVisible();
  await page.getByTestId(`open-matrix-${biggest.matrixId}`).click();
  const canvas = page.getByTestId('network-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 60_000 });
  await expect(page.getByText(`账号组 #${biggest.matrixId}`, { exact: true })).toBeVisible();
  const total = Number(await canvas.getAttribute('data-visible-nodes'));
  expect(total).toBeGreaterThanOrEqual(biggest.accounts);

  await page.getByTestId('network-search').fill(account);
  await page.getByTestId('network-search').press('Enter');
  const details = page.getByTestId('node-details');
  await expect(details).toContainText(account);
  await expect(details.getByRole('link', { name: '打开详情页' })).toHaveAttribute('href', new RegExp(`/profiles/account/\\d+/${account}`));

  await page.getByRole('switch', { name: '邻域视图' }).check();
  await page.getByRole('textbox', { name: '跳数' }).fill('1');
  await expect.poll(async () => Number(await canvas.getAttribute('data-visible-nodes'))).toBeLessThan(total);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const saved = path.join(ROOT, 'test-results/screenshots/network-export.png');
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  await file.saveAs(saved);
  const bytes = fs.readFileSync(saved);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5_000);
  await page.screenshot({ path: path.join(ROOT, 'test-results/screenshots/network.png') });
});

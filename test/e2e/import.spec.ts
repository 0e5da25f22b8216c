import fs from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';

const DEMO = path.join(ROOT, 'resources/samples/demo-filing.zip');
const truth = JSON.parse(fs.readFileSync(`${DEMO}.ground-truth.json`, 'utf8')) as { accounts: number };

test('the empty workspace offers the sample; loading it shows a checked filing', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await expect(page.getByRole('heading', { name: '工作区还没有备案数据' })).toBeVisible();
  await page.getByTestId('load-sample').click();
  const card = page.locator('[data-testid^="dashboard-filing-"]');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText('示例数据');
  await expect(card).toContainText(`${truth.accounts.toLocaleString('zh-CN')} 个账号`);
  await page.screenshot({ path: 'test-results/screenshots/dashboard-sample.png' });
});

test('uploads a zip, imports it, runs the checks and lists the filing; delete removes it', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('sample-offer')).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles(DEMO);
  await expect(page.getByTestId('chosen-package')).toContainText('demo-filing.zip');
  await page.getByTestId('start-import').click();
  const outcome = page.getByTestId('import-outcome');
  await expect(outcome).toContainText('导入成功', { timeout: 60_000 });
  await expect(page.getByTestId('table-count-accounts')).toHaveText(truth.accounts.toLocaleString('zh-CN'));
  await expect(outcome).toContainText(/已按规则集核查，发现 \d+ 项问题/, { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screenshots/import-done.png', fullPage: true });

  const rows = page.locator('[data-testid^="filing-row-"]');
  await expect(rows).toHaveCount(1);
  // The same package again is refused, naming the filing it already is.
  await page.getByTestId('start-import').click();
  await expect(outcome).toContainText('已导入', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toBeVisible();
  await rows.getByRole('button', { name: '删除' }).click();
  await page.getByRole('button', { name: '确认删除' }).click();
  await expect(rows).toHaveCount(0);
});

test('a broken package is refused with a report naming file, row, column and value', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await page.getByTestId('nav-import').click();
  await page.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'test/fixtures/bad/bad-enums.zip'));
  await page.getByTestId('start-import').click();
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  const report = page.getByTestId('validation-report');
  await expect(report).toBeVisible();
  await expect(report.locator('tbody tr').first()).toContainText(/\.csv|\.jsonl|\.xlsx/);
  await page.screenshot({ path: 'test-results/screenshots/import-refused.png', fullPage: true });
  await expect(page.locator('[data-testid^="filing-row-"]')).toHaveCount(0);
});

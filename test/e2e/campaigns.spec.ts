import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { insertCampaignFixture } from '../../electron/core/campaigns/test-fixture';
import { expect, test } from './fixtures';

/** The two-platform fixture of the unit tests, written into the running workspace (WAL allows a second writer). */
function seed(workspaceDir: string): void {
  const db = new Database(path.join(workspaceDir, 'workspace.db'));
  try {
    db.pragma('foreign_keys = ON');
    insertCampaignFixture(db);
  } finally {
    db.close();
  }
}

test('shows the QL2024 dashboard, creates a campaign (refusing an unknown rule) and downloads the workbook', async ({ page, workstation }, testInfo) => {
  seed(workstation.workspaceDir);
  await page.goto(workstation.url);
  await page.getByTestId('nav-campaigns').click();
  await expect(page.getByRole('heading', { level: 2, name: '专项行动' })).toBeVisible();

  const dashboard = page.getByTestId('campaign-dashboard');
  await expect(dashboard).toBeVisible();
  await expect(page.getByTestId('total-发现问题')).toHaveText('7');
  await expect(page.getByTestId('total-平台处置')).toHaveText('8');
  const table = page.getByTestId('campaign-table');
  await expect(table.getByRole('row', { name: /甲平台/ })).toContainText('2 / 1 / 1'); // category 4
  await expect(table.getByRole('link', { name: '7' })).toHaveAttribute('href', /#\/findings\?campaign=\d+$/);
  await expect(dashboard.locator('.recharts-surface').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/campaigns-ql2024.png' });

  // Create a campaign; an unknown rule id is refused with a Chinese message naming it.
  await page.getByRole('button', { name: '新建专项行动' }).click();
  const editor = page.getByRole('dialog');
  await editor.getByLabel('行动编号').fill('SX2024');
  await editor.getByLabel('行动名称').fill('省级谣言专项整治');
  await editor.getByLabel('开始日期').fill('2024-10-01');
  await editor.getByLabel('结束日期').fill('2024-12-31');
  await editor.getByLabel('类别名称').fill('网络谣言');
  const rules = editor.getByLabel('对应核查规则');
  await rules.fill('news.nope');
  await rules.press('Enter');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('alert')).toContainText('未知的规则编号“news.nope”');
  await rules.press('Backspace');
  await rules.fill('enforcement.rumor_not_closed');
  await rules.press('Enter');
  const reasons = editor.getByLabel('对应处置违规类型');
  await reasons.fill('rumor_making');
  await reasons.press('Enter');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('campaign-select')).toHaveValue(/SX2024/);
  await expect(page.getByTestId('total-发现问题')).toHaveText('2'); // A1 on P1, B2 on P2
  await expect(page.getByTestId('total-平台处置')).toHaveText('3'); // rumour actions X1, X2 (P1) and Y1 (P2)

  // Export: the workbook arrives as a browser download with its Chinese file name.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出统计表' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^SX2024_专项行动统计表_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = testInfo.outputPath('sx2024.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '汇总表', '按周趋势', '处置措施明细', '典型案例']);
  expect(wb.getWorksheet('汇总表')!.getCell('C6').result).toBe(2);
  expect(fs.statSync(file).size).toBeGreaterThan(5000);
});

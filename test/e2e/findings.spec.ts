import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, ROOT, test } from './fixtures';

test('filters the sample findings by a facet, confirms one, dismisses another with a reason and exports the workbook', async ({ page, workstation }, testInfo) => {
  test.setTimeout(150_000); // two CLI runs (import, check) before the page opens
  const sample = path.join(ROOT, 'resources/samples/demo-filing.zip');
  expect((await workstation.cli('import', sample)).code).toBe(0);
  expect((await workstation.cli('check', '1')).code).toBe(0);

  await page.goto(workstation.url);
  await page.getByTestId('nav-findings').click();
  await expect(page.getByRole('heading', { level: 2, name: '核查发现' })).toBeVisible();
  const total = page.getByTestId('findings-total');
  await expect(total).toHaveText(/共 [\d,]+ 条/);
  const count = async () => Number((await total.textContent())!.replace(/\D/g, ''));
  const all = await count();
  expect(all).toBeGreaterThan(10);

  // Facet: only high severity. Its count beside the checkbox is what the table then holds.
  const high = page.getByTestId('facet-severity').getByRole('checkbox', { name: /^高/ });
  const highCount = Number(((await page.getByTestId('facet-severity').locator('label', { hasText: '高' }).textContent()) ?? '').replace(/\D/g, ''));
  await high.check();
  await expect(total).toHaveText(`共 ${highCount.toLocaleString('zh-CN')} 条`);
  expect(highCount).toBeLessThan(all);
  await expect(page).toHaveURL(/severity=high/);
  await page.screenshot({ path: 'test-results/screenshots/findings-high.png' });

  // Open the first finding: explanation, evidence and the cited articles' text.
  const rows = page.getByTestId(/^finding-row-/);
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole('button').click();
  const detail = page.getByTestId('finding-detail');
  await expect(detail.getByTestId('finding-explanation')).not.toBeEmpty();
  await expect(detail.getByTestId('finding-citations').locator('blockquote').first()).toBeVisible();
  await expect(page).toHaveURL(/\?severity=high#\/findings\/\d+$/);
  await page.screenshot({ path: 'test-results/screenshots/findings-detail.png' });

  await detail.getByRole('button', { name: '确认', exact: true }).click();
  await expect(detail.getByTestId('detail-status')).toHaveText('已确认');
  await expect(detail.getByTestId('finding-history')).toContainText('确认：待核实 → 已确认');

  // The next one by keyboard (j), dismissed with x and a reason.
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: '排除' })).toBeDisabled();
  await dialog.getByLabel('排除理由').fill('平台已提交补充材料，经核实不构成问题');
  await dialog.getByRole('button', { name: '排除' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('review-message')).toContainText('已排除 1 条');
  await expect(detail.getByTestId('detail-status')).toHaveText('已排除');

  // Export what the filter shows; the download is read back.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出问题清单' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^核查问题清单-.+\.xlsx$/);
  const file = testInfo.outputPath('findings.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '问题清单', '规则汇总']);
  const sheet = wb.getWorksheet('问题清单')!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['序号', '平台', '规则编号', '问题']);
  const data: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => n > 1 && data.push(row));
  expect(data).toHaveLength(highCount);
  expect(new Set(data.map((r) => r.getCell(5).value))).toEqual(new Set(['高']));
  const statuses = data.map((r) => r.getCell(12).value);
  expect(statuses.filter((s) => s === '已确认')).toHaveLength(1);
  expect(statuses.filter((s) => s === '已排除')).toHaveLength(1);
  expect(data.some((r) => String(r.getCell(13).value).includes('排除理由：平台已提交补充材料'))).toBe(true);
  const info = new Map<string, unknown>();
  wb.getWorksheet('说明')!.eachRow((row) => info.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(info.get('筛选条件')).toBe('严重程度：高');
  expect(info.get('导出时间')).toBeInstanceOf(Date);
});

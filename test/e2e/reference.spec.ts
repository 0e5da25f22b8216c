import fs from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';

const rowsOf = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8').trim().split('\n').length - 1;

test('imports an official licence registry, refuses a broken one without changing anything, and restores the default', async ({ page, workstation }, testInfo) => {
  const demoRows = rowsOf('resources/reference/licenses-demo.csv');
  const good = testInfo.outputPath('官方许可名录.csv');
  fs.writeFileSync(good, 'license_no,holder_name,services,valid_until,province\n11120180001,北京某某报业集团有限公司,采编发布服务|转载服务,2027-12-31,北京市\n33120190002,浙江某某传媒有限公司,转载服务,,浙江省\n');
  const bad = testInfo.outputPath('有错误的名录.csv');
  fs.writeFileSync(bad, 'license_no,holder_name,services,valid_until,province\n11120180001,,采编发布服务,2027-02-30,北京市\n');

  await page.goto(workstation.url);
  await page.getByTestId('nav-settings').click();
  const licenses = page.getByTestId('reference-licenses');
  await expect(licenses).toContainText('演示名录');
  await expect(page.getByTestId('reference-licenses-rows')).toHaveText(demoRows.toLocaleString('zh-CN'));
  await expect(page.getByTestId('reference-lexicon-rows')).toHaveText(rowsOf('resources/reference/lexicon.csv').toLocaleString('zh-CN'));

  await licenses.locator('input[type="file"]').setInputFiles(good);
  await expect(page.getByRole('status')).toContainText('共 2 条');
  await expect(page.getByTestId('reference-licenses-rows')).toHaveText('2');
  await expect(licenses).not.toContainText('演示名录');

  await licenses.locator('input[type="file"]').setInputFiles(bad);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('validation-report')).toContainText('holder_name');
  await expect(page.getByTestId('reference-licenses-rows')).toHaveText('2');
  await page.screenshot({ path: 'test-results/screenshots/settings-reference.png', fullPage: true });

  await licenses.getByRole('button', { name: '恢复内置默认' }).click();
  await expect(page.getByTestId('reference-licenses-rows')).toHaveText(demoRows.toLocaleString('zh-CN'));
});

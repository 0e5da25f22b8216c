import fs from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';

const DEMO = path.join(ROOT, 'resources/samples/demo-filing.zip');
type Entity = { type: string; id: string };
const truth = JSON.parse(fs.readFileSync(`${DEMO}.ground-truth.json`, 'utf8')) as { rules: Record<string, { expected: Entity[] }> };

test('the dashboard counts the findings of a checked filing and its figures click through to the findings', async ({ page, workstation }) => {
  expect((await workstation.cli('import', DEMO)).code).toBe(0);
  expect((await workstation.cli('check', '1')).code).toBe(0);
  await page.goto(workstation.url);

  const overview = page.getByTestId('dashboard-overview');
  await expect(overview).toBeVisible({ timeout: 30_000 });
  const unverified = truth.rules['identity.unverified'].expected.length;
  await expect(page.getByTestId('rule-link-identity.unverified')).toHaveText(new RegExp(`未实名核验 ${unverified}$`));
  await expect(page.getByTestId('stat-progress')).toContainText('0%');
  await expect(page.getByTestId('top-accounts').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('dashboard-filing-1')).toContainText('条核查发现');
  await page.screenshot({ path: 'test-results/screenshots/dashboard-all.png', fullPage: true });

  // One filing: the figures and every link carry it.
  await page.getByTestId('dashboard-scope-1').click();
  await expect(page).toHaveURL(/filing=1/);
  await expect(page.getByTestId('severity-breakdown-high')).toHaveAttribute('href', '#/findings?filing=1&severity=high');

  // A bar of the rule chart opens the findings of that rule.
  await page.locator('[data-testid="rule-chart"] .recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/#\/findings/);
  await expect(page).toHaveURL(/[?&]rule=[a-z_]+\.[a-z_]+/);
  await expect(page).toHaveURL(/filing=1/);

  // Across filings, the status legend opens the findings of that status.
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('status-breakdown-pending').click();
  await expect(page).toHaveURL(/#\/findings/);
  await expect(page).toHaveURL(/[?&]status=pending/);
});

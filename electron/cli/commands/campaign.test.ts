import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../core/services';
import { insertCampaignFixture } from '../../core/campaigns/test-fixture';

const root = path.resolve(import.meta.dirname, '../../..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-cli-campaign-'));

beforeAll(async () => {
  const services = await createServices({ dbPath: path.join(workspace, 'workspace.db'), dataDir: path.join(workspace, 'data'), door: 'cli', actor: 'tester' });
  insertCampaignFixture(services.context.ws.raw);
  await services.close();
});
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/cli/main.ts'), '--workspace', workspace, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('campaign and export commands', () => {
  it('lists the shipped QL2024', () => {
    const { code, stdout } = cli('campaign', 'list');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\tQL2024\t“清朗·整治违规开展互联网新闻信息服务”专项行动\t2024-10-01 至 2024-12-31\t5 个类别\t内置$/m);
  });

  it('prints statistics by code, and as JSON with --json', () => {
    const text = cli('campaign', 'stats', 'QL2024');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('合计：发现问题 7，已确认 4，已整改 1，涉及账号 6；处置 8 次，涉及账号 5；典型案例 1');
    const json = cli('campaign', 'stats', 'QL2024', '--json');
    expect(JSON.parse(json.stdout).totals).toEqual({ findings: 7, confirmed: 4, rectified: 1, accounts: 6, actions: 8, actionAccounts: 5 });
  });

  it('refuses an unknown campaign with exit code 1 and bad usage with 2', () => {
    expect(cli('campaign', 'stats', 'NOPE')).toMatchObject({ code: 1, stderr: expect.stringContaining('专项行动不存在：NOPE') });
    expect(cli('campaign', 'stats').code).toBe(2);
    expect(cli('export', 'campaign', 'QL2024').stderr).toContain('缺少 --out');
    expect(cli('export', 'nothing').code).toBe(2);
  });

  it('exports the workbook to the given file', async () => {
    const out = path.join(workspace, 'out', 'ql2024.xlsx');
    const { code, stdout } = cli('export', 'campaign', 'QL2024', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain(`已导出 QL2024 专项行动统计表：${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('汇总表')!.getCell('C6').result).toBe(2);
  });
});

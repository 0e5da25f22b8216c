import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../test-support';
import { insertCampaignFixture } from '../campaigns/test-fixture';
import { findExport } from './downloads';
import { CJK_FONT, SHEETS } from './campaign-workbook';
import { neutralizeCellText } from './cell-safety';

let env: Awaited<ReturnType<typeof createTestServices>>;
let file: string;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  env = await createTestServices();
  insertCampaignFixture(env.services.context.ws.raw);
  const api = env.services.api.campaigns;
  const ql = (await api.list(undefined)).find((c) => c.code === 'QL2024')!;
  const typical = (await api.findings({ id: ql.id, category: '1', platform: 'P1', typicalOnly: false, limit: 10 })).items[0];
  await api.markTypical({ id: typical.id, typical: true, summary: '+造谣账号未关闭' });
  const exported = await api.export({ id: ql.id });
  file = findExport(env.services.context, exported.exportId)!.path;
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});
afterAll(() => env.cleanup());

/** Platform rows 4–5 of 汇总表 (P1, P2) and the 合计 row 6; columns C.. are the counts. */
const SUMMARY = { first: 4, last: 5, total: 6 };

describe('专项行动统计表 read back with exceljs', () => {
  it('has the five sheets, each landscape A4 fitted to width with repeated, frozen headers and a CJK font', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS]);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen' });
      expect(ws.getCell('A1').font?.name, ws.name).toBe(CJK_FONT);
    }
    expect(wb.getWorksheet('汇总表')!.pageSetup.printTitlesRow).toBe('2:3');
  });

  it('has two-level merged headers: each category over 发现问题数 / 已确认 / 涉及账号数, then the action types', () => {
    const ws = wb.getWorksheet('汇总表')!;
    expect(ws.getCell('C2').value).toBe('1. 虚假不实新闻');
    expect(ws.getCell('E2').isMerged && ws.getCell('E2').master.address).toBe('C2');
    expect([ws.getCell('C3').value, ws.getCell('D3').value, ws.getCell('E3').value]).toEqual(['发现问题数', '已确认', '涉及账号数']);
    expect(ws.getCell('A3').master.address).toBe('A2');
    expect(ws.getCell('R2').value).toBe('平台处置措施（涉及账号数）');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['警示提醒', '禁言', '暂停信息更新', '关闭账号', '列入黑名单', '暂停营利权限', '取消营利权限']));
  });

  it('holds the hand-computed counts and a 合计 row of SUM formulas over the rows above', () => {
    const ws = wb.getWorksheet('汇总表')!;
    const row = (r: number) => (ws.getRow(r).values as unknown[]).slice(3);
    // P1: cat1 1/1/1, cat2 0, cat3 1/0/1, cat4 2/1/1, cat5 1/1/1; accounts warned 1 (A3), banned 1, closed 1, blacklisted 1 (A10), MCN suspension has no account
    expect(row(SUMMARY.first)).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0]);
    expect(row(SUMMARY.last)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0]);
    expect(ws.getCell(SUMMARY.total, 1).value).toBe('合计');
    for (let c = 3; c <= 24; c++) {
      const cell = ws.getCell(SUMMARY.total, c);
      const letter = ws.getColumn(c).letter;
      expect(cell.formula).toBe(`SUM(${letter}${SUMMARY.first}:${letter}${SUMMARY.last})`);
      expect(cell.result).toBe(Number(ws.getCell(SUMMARY.first, c).value) + Number(ws.getCell(SUMMARY.last, c).value));
    }
  });

  it('lists every filing used with its SHA-256 and period on 说明', () => {
    const ws = wb.getWorksheet('说明')!;
    const cells: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    for (const sha of ['a', 'b', 'c']) expect(cells).toContain(sha.repeat(64));
    expect(cells).not.toContain('d'.repeat(64));
    expect(cells).toEqual(expect.arrayContaining(['rules-v1', '2024-11-01', '2024-11-30', 'tester']));
  });

  it('never writes a formula from platform data: such text is neutralised', () => {
    const formulas: string[] = [];
    const texts: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((r) =>
        r.eachCell((c) => {
          if (c.formula) formulas.push(c.formula);
          else if (typeof c.value === 'string') texts.push(c.value);
        }),
      );
    }
    expect(formulas.every((f) => /^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(f))).toBe(true);
    expect(texts).toContain("'=乙平台");
    expect(texts).toContain('\'=HYPERLINK("http://evil")');
    expect(texts).toContain("'+造谣账号未关闭");
    expect(texts.filter((t) => /^[=+\-@\t\r\n]/.test(t))).toEqual([]);
  });

  it('neutralises exactly the characters that start a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\n=1'].map(neutralizeCellText)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\r=1", "'\n=1"]);
    expect(['甲平台', '1-2', 'a=b', ''].map(neutralizeCellText)).toEqual(['甲平台', '1-2', 'a=b', '']);
  });
});

/** Debian's python3-openpyxl: a reader independent of exceljs. */
function pythonWithOpenpyxl(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('需要 python3-openpyxl 才能独立读取工作簿（apt-get install python3-openpyxl）');
}

describe('专项行动统计表 read back with openpyxl', () => {
  it('opens every sheet, and each 合计 SUM covers exactly the data rows whose column sums it states', () => {
    const script = `
import json, re, sys
from openpyxl import load_workbook
path = sys.argv[1]
wb = load_workbook(path)
cached = load_workbook(path, data_only=True)
out = {"sheets": wb.sheetnames, "totals": []}
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if isinstance(v, str) and v.startswith("="):
                m = re.fullmatch(r"=SUM\\(([A-Z]+)(\\d+):([A-Z]+)(\\d+)\\)", v)
                if not m:
                    out.setdefault("other", []).append([ws.title, cell.coordinate, v]); continue
                col, r1, r2 = m.group(1), int(m.group(2)), int(m.group(4))
                above = [ws[f"{col}{r}"].value for r in range(r1, r2 + 1)]
                out["totals"].append({"sheet": ws.title, "cell": cell.coordinate, "row": cell.row, "from": r1, "to": r2,
                                      "sum": sum(x for x in above if isinstance(x, (int, float))),
                                      "cached": cached[ws.title][cell.coordinate].value,
                                      "label": ws.cell(row=cell.row, column=1).value,
                                      "firstData": ws.cell(row=r1, column=1).value})
print(json.dumps(out, ensure_ascii=False))
`;
    const result = JSON.parse(execFileSync(pythonWithOpenpyxl(), ['-c', script, file], { encoding: 'utf8' })) as {
      sheets: string[];
      other?: unknown[];
      totals: { sheet: string; cell: string; row: number; from: number; to: number; sum: number; cached: number; label: string; firstData: string }[];
    };
    expect(result.sheets).toEqual([...SHEETS]);
    expect(result.other).toBeUndefined();
    const summary = result.totals.filter((t) => t.sheet === '汇总表');
    expect(summary).toHaveLength(22);
    for (const t of summary) {
      expect([t.label, t.from, t.to, t.row]).toEqual(['合计', SUMMARY.first, SUMMARY.last, SUMMARY.total]);
      expect(t.cached).toBe(t.sum);
    }
    // Column sums against the hand-computed totals: findings per category 2,0,1,2,2 (C, F, I, L, O).
    expect(['C6', 'F6', 'I6', 'L6', 'O6'].map((c) => summary.find((t) => t.cell === c)!.sum)).toEqual([2, 0, 1, 2, 2]);
    const weekly = result.totals.filter((t) => t.sheet === '按周趋势');
    expect(weekly.find((t) => t.cell === 'D18')).toMatchObject({ from: 4, to: 17, sum: 7, cached: 7 }); // 14 weeks, 7 findings
    expect(weekly.find((t) => t.cell === 'F18')).toMatchObject({ sum: 8 }); // 8 actions
    for (const t of result.totals) expect(t.cached, `${t.sheet}!${t.cell}`).toBe(t.sum);
  });
});

function office(): string | null {
  for (const candidate of ['soffice', 'libreoffice']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

const soffice = office();
if (!soffice) console.info('[campaign-workbook] 跳过 LibreOffice PDF 转换测试：本机没有 soffice / libreoffice（CI 或安装后运行）');

describe.skipIf(!soffice)('专项行动统计表 converted by LibreOffice', () => {
  it('converts to PDF without error', () => {
    const outDir = path.join(env.dir, 'pdf');
    fs.mkdirSync(outDir, { recursive: true });
    const run = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(env.dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const pdf = path.join(outDir, `${path.basename(file, '.xlsx')}.pdf`);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 150_000);
});

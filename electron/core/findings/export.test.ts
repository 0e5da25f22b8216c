import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../checks/engine';
import { openCheckContext } from '../checks/test-kit';
import type { CoreContext } from '../context';
import { findExport } from '../exports/downloads';
import { FINDING_COLUMNS, writeFindingsWorkbook, type FindingCells } from '../exports/findings-workbook';
import { importPackage } from '../filing/import';
import { packageFiles, writeFolder } from '../filing/testing/package-builder';
import { createFindingsService } from './service';

/*
 * 核查问题清单 end to end: a package whose names are formulas is imported, checked and exported;
 * the file is read back with exceljs and with an independent reader (openpyxl).
 */

let dir: string;
let ctx: CoreContext;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-findings-export-'));
  ctx = await openCheckContext(path.join(dir, 'ws.db'), dir);
});
afterEach(async () => {
  await ctx.ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Debian's python3-openpyxl lives beside /usr/bin/python3; a pyenv python3 first on PATH would not see it. */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '=cmd|\' /C calc\'!A0', '普通账号'];
const csvCell = (v: string) => `"${v.replaceAll('"', '""')}"`;

async function importHostilePackage(): Promise<number> {
  const subjects = 'subject_id,subject_type,name,identity_key,verification_methods\n' + `S1,enterprise,${csvCell('=1+2 文化传媒有限公司')},K1,uscc\n`;
  const accounts =
    'account_id,subject_id,display_name,content_category,registered_at,status,followers,agreement_signed\n' +
    HOSTILE.map((name, i) => `A${i + 1},S1,${csvCell(name)},lifestyle,2024-01-01 10:00:00,active,100,否`).join('\n') +
    '\n';
  const folder = writeFolder(
    path.join(dir, 'pkg'),
    packageFiles([
      { table: 'subjects', file: 'subjects.csv', content: subjects },
      { table: 'accounts', file: 'accounts.csv', content: accounts, rows: HOSTILE.length },
    ]),
  );
  const outcome = await importPackage(ctx.ws.raw, { source: folder, actor: 'tester', tmpDir: path.join(dir, 'tmp') });
  const filingId = outcome.filingId;
  if (filingId === null) throw new Error(JSON.stringify(outcome.report));
  const reference = { licenses: new Map(), lexicon: [], licensesName: 't', lexiconName: 't' };
  await ctx.jobs.run('check', (job) => runChecks(ctx, { filingId, rules: ['agreement.unsigned'], reference }, job));
  return filingId;
}

function openpyxlDump(file: string): {
  sheets: string[];
  header: string[];
  rows: { value: unknown; type: string }[][];
  freeze: string | null;
  filter: string | null;
  widths: Record<string, number>;
  font: string;
  wrap: boolean;
  info: Record<string, [unknown, string]>;
} {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['问题清单']
rows = [[{'value': c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat(), 'type': c.data_type} for c in r] for r in ws.iter_rows(min_row=2)]
info = {r[0].value: [r[1].value.isoformat() if hasattr(r[1].value, 'isoformat') else r[1].value, r[1].data_type] for r in wb['说明'].iter_rows()}
print(json.dumps({'sheets': wb.sheetnames, 'header': [c.value for c in ws[1]], 'rows': rows, 'freeze': ws.freeze_panes,
  'filter': ws.auto_filter.ref, 'widths': {k: v.width for k, v in ws.column_dimensions.items()}, 'font': ws['B2'].font.name,
  'wrap': bool(ws['J2'].alignment.wrap_text), 'info': info}, ensure_ascii=False, default=str))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
}

describe('findings workbook', () => {
  it('exports the filtered findings; platform text starting with = + - @ or tab stays text in exceljs and openpyxl', async () => {
    const filingId = await importHostilePackage();
    const service = createFindingsService(ctx);
    const stored = ctx.ws.raw.prepare('SELECT account_id, display_name FROM accounts WHERE filing_id = ? ORDER BY account_id').all(filingId) as { account_id: string; display_name: string }[];
    expect(stored.filter((a) => /^[=+\-@\t]/.test(a.display_name)).length).toBeGreaterThanOrEqual(5);
    const page = await service.list({ filings: [filingId], limit: 100, includeGone: false });
    await service.review({ ids: [page.items[0].id], action: 'dismiss', reason: '=平台已补签' });

    const result = await service.export({ filings: [filingId], includeGone: false });
    expect(result.rows).toBe(HOSTILE.length);
    expect(result.sheets).toEqual(['说明', '问题清单', '规则汇总']);
    const file = findExport(ctx, result.exportId)!.path;

    // exceljs
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('问题清单')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(FINDING_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const byAccount = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => n > 1 && byAccount.set(String(row.getCell(7).value), row));
    for (const a of stored) {
      const row = byAccount.get(a.account_id)!;
      const cell = row.getCell(8);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(/^[=+\-@\t\r\n]/.test(a.display_name) ? `'${a.display_name}` : a.display_name);
      expect(row.getCell(9).value).toBe(`'=1+2 文化传媒有限公司`);
    }
    expect([...byAccount.values()].map((r) => r.getCell(12).value).sort()).toEqual([...Array(HOSTILE.length - 1).fill('待核实'), '已排除'].sort());
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type === ExcelJS.ValueType.Formula || /^[=+\-@\t\r\n]/.test(String(cell.value))).toBe(false)));
    expect([...byAccount.values()].some((r) => r.getCell(13).value === '排除理由：=平台已补签')).toBe(true);
    const info = new Map<string, unknown>();
    wb.getWorksheet('说明')!.eachRow((row) => info.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(info.get('报送期间起')).toBeInstanceOf(Date);
    expect((info.get('报送期间起') as Date).toISOString().slice(0, 10)).toBe('2024-10-01');
    expect(info.get('导出时间')).toBeInstanceOf(Date);
    expect(info.get('筛选条件')).toBe(`备案：#${filingId}`);
    const summary = wb.getWorksheet('规则汇总')!;
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(['agreement.unsigned', expect.any(String), '低', HOSTILE.length - 1, 0, 1, 0, HOSTILE.length]);

    // openpyxl, an independent reader
    const py = openpyxlDump(file);
    expect(py.sheets).toEqual(['说明', '问题清单', '规则汇总']);
    expect(py.header).toEqual(FINDING_COLUMNS.map((c) => c.header));
    expect(py.freeze).toBe('B2');
    expect(py.filter).toBe(`A1:N${HOSTILE.length + 1}`);
    expect(py.font).toBe('宋体');
    expect(py.wrap).toBe(true);
    expect(py.widths.J).toBeGreaterThan(50);
    expect(py.rows).toHaveLength(HOSTILE.length);
    for (const row of py.rows) {
      expect(row[0].type).toBe('n');
      for (const cell of row.slice(1)) {
        expect(cell.type).not.toBe('f');
        expect(/^[=+\-@\t\r\n]/.test(String(cell.value ?? ''))).toBe(false);
      }
    }
    expect(py.info['报送期间起']).toEqual(['2024-10-01T00:00:00', 'd']);
    expect(py.info['导出时间'][1]).toBe('d');
  });

  it('rolls over to a new sheet when one is full', async () => {
    const file = path.join(dir, 'roll.xlsx');
    const cells = (i: number): FindingCells => ['平台', 'rule', `问题${i}`, '高', '账号', `A${i}`, '', '', '', '', '待核实', '', ''];
    const result = await writeFindingsWorkbook(file, {
      info: [['文件', '核查问题清单']],
      pages: [[1, 2, 3, 4].map(cells), [5, 6, 7].map(cells)],
      total: 7,
      statusLabels: ['待核实'],
      summary: [],
      actor: 'tester',
      rowsPerSheet: 3,
    });
    expect(result).toEqual({ rows: 7, sheets: ['说明', '问题清单', '问题清单(2)', '问题清单(3)', '规则汇总'] });
    const py = JSON.parse(
      execFileSync(PYTHON, ['-c', `import json,sys,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({n: [[c.value for c in r] for r in wb[n].iter_rows(min_row=2, max_col=3)] for n in wb.sheetnames[1:4]}, ensure_ascii=False))`, file], { encoding: 'utf8' }),
    );
    expect(py['问题清单(3)']).toEqual([[7, '平台', 'rule']]);
    expect(py['问题清单(2)'].map((r: unknown[]) => r[0])).toEqual([4, 5, 6]);
  });
});

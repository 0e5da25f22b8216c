import { TextDecoder } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { checkpointsSettled, isCheckpointing } from '../db/checkpoint';
import { openWorkspace, type Workspace } from '../db/connection';
import { openContainer } from './container';
import { importPackage, type ImportRequest } from './import';
import { goodTables, packageFiles, writeFolder, zipFiles, GOOD_ACCOUNTS, GOOD_SUBJECTS, type TableFile } from './testing/package-builder';

let dir: string;
let ws: Workspace;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-import-'));
  ws = await openWorkspace(':memory:');
});
afterEach(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (source: string, extra: Partial<ImportRequest> = {}) => importPackage(ws.raw, { source, actor: 'tester', tmpDir: path.join(dir, 'tmp'), ...extra });
const asZip = (name: string, tables: TableFile[], options?: Parameters<typeof packageFiles>[1]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, zipFiles(packageFiles(tables, options)));
  return file;
};
const count = (table: string) => (ws.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('accounts');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importPackage: good packages', () => {
  it('imports a zip of CSV tables with typed values, source rows and documents', async () => {
    const source = asZip('good.zip', goodTables(), { documents: [{ kind: 'management_rules', title: '账号管理规则', file: 'docs/rules.txt', content: '规则全文' }] });
    const outcome = await run(source);
    expect(outcome.report.ok).toBe(true);
    expect(count('accounts')).toBe(2);
    const a2 = ws.raw.prepare("SELECT * FROM accounts WHERE account_id = 'A2'").get() as Record<string, unknown>;
    expect(a2).toMatchObject({ display_name: '某某财经,每日', status: 'active', is_news_account: 0, followers: 58000, registered_at: '2023-06-01 08:00:00', src_row: 3 });
    const c1 = ws.raw.prepare('SELECT text, topic, src_row FROM contents').get();
    expect(c1).toEqual({ text: '第一行\n第二行，含"引号"', topic: 'lifestyle', src_row: 2 });
    expect(ws.raw.prepare('SELECT verification_methods FROM subjects WHERE subject_id = ?').get('S1')).toEqual({ verification_methods: '["mobile","id_card"]' });
    const doc = ws.raw.prepare('SELECT kind, file, size, content FROM filing_documents').get() as { content: Buffer };
    expect(doc).toMatchObject({ kind: 'management_rules', file: 'docs/rules.txt' });
    expect(doc.content.toString('utf8')).toBe('规则全文');
  });

  it('imports without the memory map or foreign-key checks, and gives the connection its settings back', async () => {
    await ws.close();
    ws = await openWorkspace(path.join(dir, 'workspace.db'));
    const settings = () => ({ map: ws.raw.pragma('mmap_size', { simple: true }), fk: ws.raw.pragma('foreign_keys', { simple: true }) });
    const before = settings();
    expect(before).toEqual({ map: expect.any(Number), fk: 1 });
    expect(before.map).toBeGreaterThan(0);
    const seen: ReturnType<typeof settings>[] = [];
    const outcome = await run(asZip('good.zip', goodTables()), { job: { progress: () => seen.push(settings()), throwIfCancelled: () => {} } });
    expect(outcome.report.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toContainEqual({ map: 0, fk: 0 });
    expect(settings()).toEqual(before);
  });

  it('imports the same content from a folder, with the folder listing as identity', async () => {
    const folder = writeFolder(path.join(dir, 'pkg'), packageFiles(goodTables(), { documents: [{ kind: 'management_rules', title: '账号管理规则', file: 'docs/rules.txt', content: '规则全文' }] }));
    fs.writeFileSync(path.join(folder, '.DS_Store'), 'x');
    fs.writeFileSync(path.join(folder, 'readme.txt'), '不在清单中的文件也属于数据包');
    const outcome = await run(folder);
    expect(outcome.filingId).not.toBeNull();
    expect(count('subjects')).toBe(2);
    // Built from the tables' hashes taken while reading, plus the files read only for it.
    expect(outcome.packageSha256).toBe((await openContainer(folder)).sha256);
  });

  it('identifies a refused folder by all its bytes, a table whose reading stopped included', async () => {
    const tables = goodTables();
    tables[1] = { ...tables[1], content: 'account_id,subject_id\nA1,S1\n' };
    const folder = writeFolder(path.join(dir, 'pkg'), packageFiles(tables));
    const outcome = await run(folder, { dryRun: true });
    expect(outcome.report.ok).toBe(false);
    expect(outcome.filingId).toBeNull();
    expect(outcome.packageSha256).toBe((await openContainer(folder)).sha256);
  });

  it('reads GB18030 CSV, declared and detected, with Chinese headers', async () => {
    const subjects = gbk('主体ID,主体性质,主体名称,身份标识\nS1,个人,张*,K1\nS2,企业,某公司,K2\n');
    const accounts = gbk('账号ID,主体ID,账号名称,内容生产类别,注册时间,账号状态,粉丝数\nA1,S1,小张说事,生活,2024-01-01 10:00:00,正常,3\n');
    const outcome = await run(asZip('gbk.zip', [
      { table: 'subjects', file: 'subjects.csv', content: subjects, encoding: 'GBK' },
      { table: 'accounts', file: 'accounts.csv', content: accounts },
    ]));
    expect(outcome.report.ok).toBe(true);
    expect(ws.raw.prepare('SELECT name FROM subjects ORDER BY subject_id').all()).toEqual([{ name: '张*' }, { name: '某公司' }]);
    expect(ws.raw.prepare('SELECT display_name, content_category FROM accounts').get()).toEqual({ display_name: '小张说事', content_category: 'lifestyle' });
  });

  it('stores long text of a UTF-8 CSV as text, trimmed, exactly as the same rows from JSONL', async () => {
    const rows = [
      { content_id: 'C1', account_id: 'A1', published_at: '2024-11-01 12:00:00', title: '\u3000 标题，含逗号\u00a0', text: '\ufeff第一行\n第二行，含"引号"😀\t', topic: '生活', 备注: '内部' },
      { content_id: 'C2', account_id: 'A1', published_at: '2024-11-02 12:00:00', title: '\u3000 ', text: '𠀀\u2028', topic: 'lifestyle', 备注: '' },
    ];
    const columns = Object.keys(rows[0]) as (keyof (typeof rows)[0])[];
    const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c])).join(','))].join('\r\n');
    const jsonl = rows.map((row) => JSON.stringify(row)).join('\n');
    const fromCsv = await run(asZip('csv.zip', [...goodTables().slice(0, 2), { table: 'contents', file: 'contents.csv', content: csv, rows: 2 }]));
    const fromJsonl = await run(asZip('jsonl.zip', [...goodTables().slice(0, 2), { table: 'contents', file: 'contents.jsonl', content: jsonl, rows: 2 }]));
    const stored = (filingId: number) =>
      ws.raw.prepare('SELECT content_id, title, text, typeof(title) AS tt, typeof(text) AS xt, topic, extra_json FROM contents WHERE filing_id = ? ORDER BY content_id').all(filingId);
    expect(stored(fromCsv.filingId as number)).toEqual([
      { content_id: 'C1', title: '标题，含逗号', text: '第一行\n第二行，含"引号"😀', tt: 'text', xt: 'text', topic: 'lifestyle', extra_json: '{"备注":"内部"}' },
      { content_id: 'C2', title: null, text: '𠀀', tt: 'null', xt: 'text', topic: 'lifestyle', extra_json: null },
    ]);
    expect(stored(fromJsonl.filingId as number)).toEqual(stored(fromCsv.filingId as number));
  });

  it('re-reads a detected CSV as GB18030 when non-UTF-8 bytes come after rows already stored', async () => {
    // Over 256 KiB of ASCII rows (read and inserted as UTF-8) before the first GBK characters.
    const ascii = Array.from({ length: 6000 }, (_, i) => `A${i},S1,account-name-${i},lifestyle,2024-01-01 10:00:00,active,${i}`);
    const accounts = gbk(['account_id,subject_id,display_name,content_category,registered_at,status,followers', ...ascii, 'A6000,S1,小张说事,生活,2024-01-01 10:00:00,正常,3', ''].join('\n'));
    expect(accounts.length).toBeGreaterThan(300 * 1024);
    // The same in a table with long text, whose UTF-8 cells travel as bytes until the fallback.
    const texts = Array.from({ length: 4000 }, (_, i) => `C${i},A1,2024-11-01 12:00:00,title-${i},${'x'.repeat(60)},lifestyle`);
    const contents = gbk(['content_id,account_id,published_at,title,text,topic', ...texts, 'C4000,A1,2024-11-01 12:00:00,标题,正文　中文,生活', ''].join('\n'));
    expect(contents.length).toBeGreaterThan(300 * 1024);
    const outcome = await run(asZip('late-gbk.zip', [
      { table: 'subjects', file: 'subjects.csv', content: GOOD_SUBJECTS },
      { table: 'accounts', file: 'accounts.csv', content: accounts },
      { table: 'contents', file: 'contents.csv', content: contents },
    ]));
    expect(outcome.report.ok).toBe(true);
    expect(count('contents')).toBe(4001);
    expect(ws.raw.prepare("SELECT title, text, typeof(text) AS type FROM contents WHERE content_id IN ('C0', 'C4000') ORDER BY src_row").all()).toEqual([
      { title: 'title-0', text: 'x'.repeat(60), type: 'text' },
      { title: '标题', text: '正文　中文', type: 'text' },
    ]);
    expect(count('accounts')).toBe(6001);
    expect(ws.raw.prepare("SELECT display_name, content_category, src_row FROM accounts WHERE account_id = 'A6000'").get()).toEqual({ display_name: '小张说事', content_category: 'lifestyle', src_row: 6002 });
  });

  it('imports JSONL with native values and arrays, and XLSX with date cells and cached formulas', async () => {
    const subjects = `${JSON.stringify({ subject_id: 'S1', subject_type: 'individual', name: '张*', identity_key: 'K1', verification_methods: ['mobile', '人脸'] })}\n`;
    const accounts = await xlsx([
      ['account_id', 'subject_id', 'display_name', 'content_category', 'registered_at', 'status', 'followers', 'is_news_account'],
      ['A1', 'S1', '小张', 'news', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'active', { formula: '1000+200', result: 1200 }, true],
    ]);
    const outcome = await run(asZip('mixed.zip', [
      { table: 'subjects', file: 'subjects.jsonl', content: subjects, rows: 1 },
      { table: 'accounts', file: 'accounts.xlsx', content: accounts, rows: 1 },
    ]));
    expect(outcome.report.ok).toBe(true);
    expect(outcome.report.issues.map((i) => i.code)).toContain('xlsx_formula');
    expect(ws.raw.prepare('SELECT verification_methods FROM subjects').get()).toEqual({ verification_methods: '["mobile","face"]' });
    expect(ws.raw.prepare('SELECT registered_at, followers, is_news_account, src_row FROM accounts').get()).toEqual({
      registered_at: '2024-01-02 03:04:05', followers: 1200, is_news_account: 1, src_row: 2,
    });
  });

  it('refuses the same package twice and numbers a new package of the platform as the next version', async () => {
    const first = asZip('v1.zip', goodTables());
    await run(first);
    const again = await refusal(run(first));
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/已导入过：测试短视频 第 1 版/);
    const changed = goodTables();
    changed[0] = { ...changed[0], content: `${GOOD_SUBJECTS}S3,individual,李*,K3,\n` };
    await run(asZip('v2.zip', changed));
    expect(ws.raw.prepare('SELECT version FROM filings ORDER BY id').all()).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('identifies a package by all its bytes: the same manifest with another file beside it is a new version, a copy is refused', async () => {
    const files = packageFiles(goodTables());
    const first = writeFolder(path.join(dir, 'first'), files);
    const outcome = await run(first);
    expect(outcome.packageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ws.raw.prepare('SELECT package_sha256 FROM filings').get()).toEqual({ package_sha256: outcome.packageSha256 });
    expect((await refusal(run(writeFolder(path.join(dir, 'copy'), files)))).code).toBe('conflict');
    const second = await run(writeFolder(path.join(dir, 'second'), { ...files, 'docs/说明.txt': '补充说明' }));
    expect(second.packageSha256).not.toBe(outcome.packageSha256);
    expect(ws.raw.prepare('SELECT version FROM filings ORDER BY id').all()).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('refuses a package whose identity is on record under another manifest, when it is known, before COMMIT', async () => {
    const source = asZip('late.zip', goodTables());
    const { packageSha256 } = await run(source, { dryRun: true });
    // A filing with this package's hash but another manifest: only the check before COMMIT can see it.
    ws.raw
      .prepare(`INSERT INTO filings (package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
                VALUES (?, 'x.zip', 'P1', '测试短视频', '2024-01-01', '2024-03-31', 1, '{"tables":[]}', '2024-04-01 00:00:00', 'tester')`)
      .run(packageSha256);
    const dry = await run(source, { dryRun: true });
    expect(dry.existingFilingId).toBe(1);
    expect(dry.report.issues.map((i) => i.code)).toContain('package_duplicate');
    const refused = await refusal(run(source));
    expect(refused.code).toBe('conflict');
    expect(count('filings')).toBe(1);
    expect(count('accounts')).toBe(0);
  });

  it('commits to the log and leaves the copy into the workspace file to a checkpoint thread', async () => {
    const file = await openWorkspace(path.join(dir, 'ws', 'workspace.db'));
    try {
      file.raw.pragma('wal_checkpoint(TRUNCATE)');
      const atCommit: unknown[] = [];
      const outcome = await importPackage(file.raw, {
        source: asZip('cp.zip', goodTables()), actor: 'tester', tmpDir: path.join(dir, 'tmp'),
        job: { progress: ({ phase }) => void (phase === 'commit' && atCommit.push(file.raw.pragma('wal_autocheckpoint', { simple: true }))), throwIfCancelled: () => undefined },
      });
      expect(outcome.filingId).not.toBeNull();
      // No automatic checkpoint in the import's COMMIT; the setting is back afterwards.
      expect(atCommit).toEqual([0]);
      expect(file.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // The import returns once the checkpoint thread is copying (its end is a message not yet handled).
      expect(isCheckpointing(file.path)).toBe(true);
      await checkpointsSettled(file.path);
      // The checkpoint thread has copied the whole log into the file: a checkpoint now finds nothing left.
      const [state] = file.raw.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      expect(state.log).toBeGreaterThan(0);
      expect(state).toEqual({ busy: 0, log: state.log, checkpointed: state.log });
      expect(file.raw.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 2 });
      expect(file.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await file.close();
    }
  });

  it('validates without storing anything in a dry run', async () => {
    const outcome = await run(asZip('dry.zip', goodTables()), { dryRun: true });
    expect(outcome.report.ok).toBe(true);
    expect(count('filings')).toBe(0);
  });
});

describe('importPackage: refusals leave nothing', () => {
  it('reports dangling references and duplicate ids with both rows', async () => {
    const accounts = `${GOOD_ACCOUNTS}A3,S9,孤儿账号,news,2024-01-01 10:00:00,active,1,\nA1,S1,重复账号,news,2024-01-01 10:00:00,active,1,\n`;
    const error = await refusal(run(asZip('refs.zip', [goodTables()[0], { table: 'accounts', file: 'accounts.csv', content: accounts }])));
    const issues = (error.details as { issues: { code: string; row: number; column: string; value: string; message: string }[] }).issues;
    expect(issues).toContainEqual(expect.objectContaining({ code: 'ref_dangling', row: 4, column: 'subject_id', value: 'S9' }));
    const dup = issues.find((i) => i.code === 'id_duplicate')!;
    expect(dup).toMatchObject({ row: 5, column: 'account_id', value: 'A1' });
    expect(dup.message).toMatch(/第 2 行/);
    expect(count('filings') + count('accounts') + count('subjects')).toBe(0);
  });

  it('reports bad dates and enumerations with file, row, column and value', async () => {
    const accounts = `${GOOD_ACCOUNTS}A3,S1,坏数据,tv_news,2024-13-01 10:00:00,active,1,\n`;
    const error = await refusal(run(asZip('values.zip', [goodTables()[0], { table: 'accounts', file: 'accounts.csv', content: accounts }])));
    const issues = (error.details as { issues: object[] }).issues;
    expect(issues).toContainEqual(expect.objectContaining({ file: 'accounts.csv', row: 4, column: 'content_category', value: 'tv_news', code: 'enum_unknown' }));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'accounts.csv', row: 4, column: 'registered_at', value: '2024-13-01 10:00:00', code: 'time_invalid' }));
    expect(count('filings')).toBe(0);
  });

  it('rolls back when the job is cancelled', async () => {
    let ticks = 0;
    const job = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (++ticks > 2) throw new AppError('cancelled', '操作已取消');
      },
    };
    const error = await refusal(run(asZip('cancel.zip', goodTables()), { job }));
    expect(error.code).toBe('cancelled');
    expect(count('filings') + count('subjects')).toBe(0);
    expect(ws.raw.inTransaction).toBe(false);
  });
});

const gbk = (text: string) => Buffer.from(iconv(text));

/** GB18030 encoding for tests (Node has no GB encoder): round-trips through a table built from the decoder. */
function iconv(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    out.push(...gbCode(ch, decoder));
  }
  return Uint8Array.from(out);
}

const gbTable = new Map<string, number[]>();
function gbCode(ch: string, decoder: TextDecoder): number[] {
  if (gbTable.size === 0) {
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const s = decoder.decode(Uint8Array.from([lead, trail]));
        if (s.length === 1 && !gbTable.has(s)) gbTable.set(s, [lead, trail]);
      }
    }
  }
  const code = gbTable.get(ch);
  if (!code) throw new Error(`not in GBK: ${ch}`);
  return code;
}

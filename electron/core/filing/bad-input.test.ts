import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue, ValidationReport } from '@shared/api/filings';
import { AppError } from '@shared/errors';
import { openWorkspace, type Workspace } from '../db/connection';
import { importPackage } from './import';

/* One fixture per bad input of issue 3 (built by test/fixtures/build-bad-fixtures.ts). */
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/bad');

type Expect = Partial<Pick<ValidationIssue, 'file' | 'row' | 'column' | 'value' | 'code'>> & { message: RegExp };

const CASES: Record<string, Expect> = {
  'escape-dotdot.zip': { code: 'zip_path_escape', file: '../evil.csv', message: /越出数据包根目录/ },
  'escape-absolute.zip': { code: 'zip_path_absolute', file: '/tmp/evil.csv', message: /绝对路径/ },
  'escape-drive.zip': { code: 'zip_path_drive', file: 'C:/Windows/evil.csv', message: /盘符/ },
  'escape-backslash.zip': { code: 'zip_path_backslash', message: /反斜杠/ },
  'symlink.zip': { code: 'zip_symlink', file: 'docs/link', message: /符号链接/ },
  'encrypted.zip': { code: 'zip_encrypted', file: 'accounts.csv', message: /已加密/ },
  'duplicate-names.zip': { code: 'zip_duplicate', message: /重复的条目名称「accounts\.csv」与「Accounts\.CSV」/ },
  'duplicate-gbk-names.zip': { code: 'zip_duplicate', message: /重复的条目名称「说明\.txt」与「说明\.txt」/ },
  'nested-archive.zip': { code: 'nested_archive', file: 'accounts.zip', message: /嵌套压缩包/ },
  'nested-archive-renamed.zip': { code: 'nested_archive', file: 'accounts.csv', message: /嵌套压缩包/ },
  'bomb-declared.zip': { code: 'zip_bomb_ratio', file: 'contents.csv', message: /压缩比超过 200:1/ },
  'bomb-ratio.zip': { code: 'zip_bomb_ratio', file: 'docs/zeros.bin', message: /疑似压缩炸弹/ },
  'bomb-size-lie.zip': { code: 'zip_size_mismatch', file: 'contents.csv', message: /实际解压字节数.*声明的.*压缩包不可信/ },
  'missing-manifest.zip': { code: 'manifest_missing', file: 'manifest.json', message: /没有 manifest\.json/ },
  'unknown-version.zip': { code: 'manifest_version', column: 'format_version', value: '2.0', message: /不支持的格式版本「2\.0」/ },
  'table-missing.zip': { code: 'file_missing', file: 'contents.csv', message: /不在数据包中/ },
  'rows-mismatch.zip': { code: 'rows_mismatch', file: 'accounts.csv', value: '2', message: /清单声明 5 行，文件实际 2 行/ },
  'hash-mismatch.zip': { code: 'sha256_mismatch', file: 'accounts.csv', message: /SHA-256 与清单声明不符/ },
  'csv-unterminated-quote.zip': { code: 'csv_unterminated_quote', file: 'accounts.csv', row: 4, column: 'display_name', message: /第 4 行开始的引号直到文件末尾都没有闭合/ },
  'csv-ragged.zip': { code: 'row_ragged', file: 'accounts.csv', row: 4, message: /该行有 9 个字段，表头有 8 列/ },
  'invalid-encoding.zip': { code: 'encoding_invalid', file: 'accounts.csv', row: 4, value: '0xfffe412c', message: /不是有效的 UTF-8 或 GB18030 编码：第 \d+ 字节/ },
  'xlsx-not-zip.zip': { code: 'xlsx_not_zip', file: 'accounts.xlsx', message: /内容不是 XLSX/ },
  'xlsx-entity-bomb.zip': { code: 'xlsx_invalid', file: 'accounts.xlsx', message: /XLSX 文件无法读取/ },
  'xlsx-formula-no-value.zip': { code: 'xlsx_cell', file: 'accounts.xlsx', row: 2, message: /不计算公式/ },
  'enormous-cell.zip': { code: 'cell_too_long', file: 'contents.csv', row: 2, column: 'text', message: /超过 1048576 个字符的长度上限/ },
  'dangling-references.zip': { code: 'ref_dangling', file: 'accounts.csv', row: 4, column: 'subject_id', value: 'S404', message: /在 subjects（运营主体）中不存在/ },
  'duplicate-ids.zip': { code: 'id_duplicate', file: 'accounts.csv', row: 4, column: 'account_id', value: 'A1', message: /第 2 行已有相同的 account_id/ },
  'bad-dates.zip': { code: 'time_invalid', file: 'accounts.csv', row: 4, column: 'registered_at', value: '2024-02-30 10:00:00', message: /有效时间/ },
  'bad-enums.zip': { code: 'enum_unknown', file: 'accounts.csv', row: 4, column: 'content_category', value: 'celebrity', message: /未知的取值，应为：news 时政新闻/ },
};

let ws: Workspace;
let tmp: string;
beforeAll(async () => {
  ws = await openWorkspace(':memory:');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-bad-'));
});
afterAll(async () => {
  await ws.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const DATA_TABLES = ['filings', 'filing_documents', 'subjects', 'accounts', 'contents'];

describe('bad input: refused with a specific Chinese error, nothing left behind', () => {
  it('has a fixture for every case and a case for every fixture', () => {
    expect(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.zip')).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [fixture, expected] of Object.entries(CASES)) {
    it(fixture, async () => {
      const tmpDir = path.join(tmp, fixture);
      let error: unknown;
      try {
        await importPackage(ws.raw, { source: path.join(FIXTURES, fixture), actor: 'tester', tmpDir });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe('invalid_input');
      const report = appError.details as ValidationReport;
      expect(report.ok).toBe(false);
      const { message, ...fields } = expected;
      const issue = report.issues.find((i) => i.severity === 'error' && i.code === expected.code);
      expect(issue, JSON.stringify(report.issues, null, 1)).toBeDefined();
      expect(issue).toMatchObject(fields);
      expect(issue!.message).toMatch(message);
      expect(appError.message).toMatch(/^数据包未通过校验，未导入/);
      for (const table of DATA_TABLES) expect((ws.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
      expect(ws.raw.inTransaction).toBe(false);
      expect(fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir) : []).toEqual([]);
    });
  }

  it('refuses a file over the declared-size limit before reading it', async () => {
    const error = await importPackage(ws.raw, {
      source: path.join(FIXTURES, 'bomb-ratio.zip'), actor: 'tester', tmpDir: tmp, limits: { maxEntryBytes: 1024 * 1024 },
    }).catch((e: AppError) => e);
    expect((error as AppError).details).toMatchObject({ issues: [expect.objectContaining({ code: 'zip_bomb_size', file: 'docs/zeros.bin' })] });
  });
});

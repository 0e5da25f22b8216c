import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/*
 * Builds small filing packages for tests, fixtures and benchmarks: a manifest whose rows and
 * hashes match the files, written as a folder or a zip. `rawZip` writes zip bytes by hand so
 * tests can produce entries no well-behaved zip writer would (escaping names, symlinks, …).
 */

export type Files = Record<string, string | Buffer>;

export interface TableFile {
  table: string;
  file: string;
  content: string | Buffer;
  /** Data rows; counted from CSV/JSONL content when omitted (no multi-line cells). */
  rows?: number;
  encoding?: string;
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function baseManifest(overrides: Record<string, unknown> = {}) {
  return {
    format: 'filing-package',
    format_version: '1.0',
    package_id: 'PKG-TEST',
    platform: { platform_id: 'P001', name: '测试短视频', operator: '测试网络科技有限公司', uscc: '91330100MA2TEST000', province: '浙江省', news_license_no: null },
    period: { start: '2024-10-01', end: '2024-12-31' },
    generated_at: '2025-01-06T09:30:00+08:00',
    complaint_deadline_days: 15,
    ...overrides,
  };
}

function countRows(file: string, content: string | Buffer): number {
  const text = Buffer.isBuffer(content) ? content.toString('latin1') : content;
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  return file.endsWith('.csv') ? lines - 1 : lines;
}

/** The files of a package: tables, documents and a manifest that declares them truthfully. */
export function packageFiles(tables: TableFile[], options: { documents?: { kind: string; title: string; file: string; content: Buffer | string }[]; manifest?: Record<string, unknown> } = {}): Files {
  const files: Files = {};
  for (const t of tables) files[t.file] = t.content;
  for (const d of options.documents ?? []) files[d.file] = d.content;
  const manifest = {
    ...baseManifest(),
    tables: tables.map((t) => ({ table: t.table, file: t.file, rows: t.rows ?? countRows(t.file, t.content), sha256: sha256(t.content), ...(t.encoding ? { encoding: t.encoding } : {}) })),
    documents: (options.documents ?? []).map((d) => ({ kind: d.kind, title: d.title, file: d.file, sha256: sha256(d.content) })),
    ...options.manifest,
  };
  files['manifest.json'] = JSON.stringify(manifest, null, 2);
  return files;
}

export function writeFolder(dir: string, files: Files): string {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export interface RawEntry {
  /** Name bytes as stored (a string is written as UTF-8). */
  name: string | Buffer;
  data?: Buffer | string;
  /** Set the UTF-8 language flag (bit 11); default true for string names. */
  utf8Flag?: boolean;
  encrypted?: boolean;
  /** Unix mode in the upper 16 bits of the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  deflate?: boolean;
  /** Uncompressed size written in the headers (a lie when it differs from the data). */
  declaredSize?: number;
}

/** Writes a zip with full control over names, flags, attributes and declared sizes. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const body = e.deflate ? zlib.deflateRawSync(data) : data;
    const crc = zlib.crc32(data);
    const size = e.declaredSize ?? data.length;
    let flags = (e.utf8Flag ?? typeof e.name === 'string') ? 0x800 : 0;
    if (e.encrypted) flags |= 0x1;
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.deflate ? size : body.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits are meaningful
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.deflate ? size : body.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A well-formed zip of the files (deflated, UTF-8 names). */
export function zipFiles(files: Files): Buffer {
  return rawZip(Object.entries(files).map(([name, data]) => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), deflate: true })));
}

/** Reads the entries of a well-formed zip (for rewriting an XLSX in tests). */
export function unzipSync(zip: Buffer): Files {
  const files: Files = {};
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const csize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + csize);
    files[name] = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/* A minimal valid package: two subjects, two accounts and one content row. */
export const GOOD_SUBJECTS = 'subject_id,subject_type,name,identity_key,verification_methods\nS1,individual,张*,K1,mobile|id_card\nS2,企业,杭州某某文化传媒有限公司,K2,统一社会信用代码\n';
export const GOOD_ACCOUNTS =
  'account_id,subject_id,display_name,content_category,registered_at,status,followers,is_news_account\n' +
  'A1,S1,小张说事,lifestyle,2024-01-01 10:00:00,active,1200,否\n' +
  'A2,S2,"某某财经,每日",finance,2023-06-01T08:00:00+08:00,正常,58000,N\n';
export const GOOD_CONTENTS = 'content_id,account_id,published_at,title,text,topic\nC1,A1,2024-11-01 12:00:00,标题,"第一行\n第二行，含""引号""",生活\n';

export function goodTables(): TableFile[] {
  return [
    { table: 'subjects', file: 'subjects.csv', content: GOOD_SUBJECTS },
    { table: 'accounts', file: 'accounts.csv', content: GOOD_ACCOUNTS },
    { table: 'contents', file: 'contents.csv', content: GOOD_CONTENTS, rows: 1 },
  ];
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { FatalInputError } from './report';

/** Limits against decompression bombs and absurd packages; every one is checked on real bytes too. */
export interface ContainerLimits {
  maxEntries: number;
  /** Largest single file, declared or actually inflated. */
  maxEntryBytes: number;
  /** All files together, declared. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, checked once an entry has inflated past `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ContainerEntry {
  /** Path relative to the package root, '/'-separated, as decoded. */
  path: string;
  size: number;
  compressedSize: number;
}

/** A zip or a folder seen as a set of files below one root. */
export interface PackageContainer {
  kind: 'zip' | 'folder';
  /** File or folder name the inspector chose (for lists and messages). */
  sourceName: string;
  /** SHA-256 of the zip's bytes, or of the folder's canonical listing; '' when opened with `identify: false`. */
  sha256: string;
  entries: ReadonlyMap<string, ContainerEntry>;
  /** Finds an entry by path, ignoring case (names are unique after case folding). */
  find(file: string): ContainerEntry | undefined;
  /** Streams a file's bytes in chunks of a few hundred KiB, enforcing the limits on actual bytes. */
  read(entry: ContainerEntry): AsyncIterable<Buffer>;
  close(): void;
}

const fold = (name: string) => name.normalize('NFC').toLowerCase();
const CHUNK = 256 * 1024;

function fatal(file: string, code: string, message: string): FatalInputError {
  return new FatalInputError({ file, code, message });
}

/** Rejects names that could land outside the package root on extraction or confuse a reader. */
export function checkEntryName(name: string): { code: string; message: string } | null {
  if (name.includes('\\')) return { code: 'zip_path_backslash', message: `压缩包条目名称含反斜杠「\\」，可能被解释为越出根目录的路径：${name}` };
  if (name.startsWith('/')) return { code: 'zip_path_absolute', message: `压缩包条目使用绝对路径：${name}` };
  if (/^[a-zA-Z]:/.test(name)) return { code: 'zip_path_drive', message: `压缩包条目使用盘符路径：${name}` };
  if (name.split('/').some((part) => part === '..')) return { code: 'zip_path_escape', message: `压缩包条目含「..」，会越出数据包根目录：${name}` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return { code: 'zip_path_control', message: `压缩包条目名称含控制字符：${JSON.stringify(name)}` };
  return null;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * Entry names: UTF-8 when the language flag (bit 11) says so or an Info-ZIP Unicode Path
 * field with a matching CRC is present; otherwise names made on Chinese Windows are GBK.
 * Unflagged names that are valid UTF-8 are read as UTF-8 (macOS and Linux zip tools write
 * them without the flag); GBK names of Chinese text are practically never valid UTF-8.
 */
export function decodeEntryName(raw: Buffer, flags: number, extraFields: readonly { id: number; data: Buffer }[]): string {
  for (const field of extraFields) {
    if (field.id !== 0x7075 || field.data.length < 6 || field.data[0] !== 1) continue;
    if (field.data.readUInt32LE(1) !== zlib.crc32(raw)) continue;
    return utf8Fatal.decode(field.data.subarray(5));
  }
  if ((flags & 0x800) !== 0) {
    try {
      return utf8Fatal.decode(raw);
    } catch {
      throw fatal('', 'zip_name_encoding', `压缩包条目名称标记为 UTF-8 但不是有效的 UTF-8：${raw.toString('hex')}`);
    }
  }
  if (raw.every((b) => b < 0x80)) return raw.toString('latin1');
  try {
    return utf8Fatal.decode(raw);
  } catch {
    return gb18030.decode(raw);
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err) reject(fatal('', 'zip_invalid', `不是有效的 zip 文件：${err.message}`));
      else resolve(zip);
    });
  });
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Re-chunks a byte stream to ~256 KiB pieces and enforces the limits on what actually arrives. */
async function* limited(stream: AsyncIterable<Buffer>, entry: ContainerEntry, limits: ContainerLimits, zip: boolean): AsyncGenerator<Buffer> {
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > limits.maxEntryBytes) {
      throw fatal(entry.path, 'zip_bomb_size', `文件解压后超过 ${formatBytes(limits.maxEntryBytes)} 的上限，疑似压缩炸弹，已拒绝`);
    }
    if (zip && total > entry.size) {
      throw fatal(entry.path, 'zip_size_mismatch', `文件实际解压字节数超过压缩包声明的 ${entry.size} 字节，压缩包不可信，已拒绝`);
    }
    if (zip && total > limits.ratioFloorBytes && total / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw fatal(entry.path, 'zip_bomb_ratio', `文件压缩比超过 ${limits.maxRatio}:1，疑似压缩炸弹，已拒绝`);
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= CHUNK) {
      yield pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${n} 字节`;
}

/**
 * The package root: the archive's root, or its single top-level folder when the manifest sits
 * there (what "compress this folder" produces on every desktop).
 */
function findRoot(names: string[]): string {
  if (names.some((n) => fold(n) === 'manifest.json')) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  if (tops.size === 1) {
    const top = [...tops][0];
    if (names.some((n) => fold(n) === fold(`${top}/manifest.json`))) return `${top}/`;
  }
  return '';
}

export interface OpenOptions {
  /**
   * Compute the package's identity hash (default). The importer's reading thread opens a
   * package the main thread has already identified: hashing it again would read it twice.
   */
  identify?: boolean;
}

export async function openZipContainer(file: string, limits: ContainerLimits = DEFAULT_CONTAINER_LIMITS, options: OpenOptions = {}): Promise<PackageContainer> {
  const zip = await openZip(file);
  try {
    const raw = await readZipEntries(zip, limits);
    const root = findRoot(raw.map((r) => r.entry.path));
    const entries = new Map<string, ContainerEntry>();
    const yauzlEntries = new Map<ContainerEntry, yauzl.Entry>();
    const byFold = new Map<string, ContainerEntry>();
    for (const { entry, zipEntry } of raw) {
      if (!entry.path.startsWith(root)) continue;
      const rel = { ...entry, path: entry.path.slice(root.length) };
      entries.set(rel.path, rel);
      byFold.set(fold(rel.path), rel);
      yauzlEntries.set(rel, zipEntry);
    }
    const sha256 = options.identify === false ? '' : await hashFile(file);
    return {
      kind: 'zip',
      sourceName: path.basename(file),
      sha256,
      entries,
      find: (name) => byFold.get(fold(name)),
      read: (entry) => {
        const zipEntry = yauzlEntries.get(entry);
        if (!zipEntry) throw fatal(entry.path, 'file_missing', '数据包中没有这个文件');
        return limited(zipEntryStream(zip, zipEntry, entry.path), entry, limits, true);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function* zipEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): AsyncGenerator<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s)));
  });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/too many bytes|too few bytes/.test(message)) {
      throw fatal(name, 'zip_size_mismatch', `文件实际解压字节数与压缩包声明的 ${entry.uncompressedSize} 字节不符，压缩包不可信，已拒绝（${message}）`);
    }
    throw fatal(name, 'zip_corrupt', `解压失败，压缩包已损坏：${message}`);
  } finally {
    stream.destroy();
  }
}

function readZipEntries(zip: yauzl.ZipFile, limits: ContainerLimits): Promise<{ entry: ContainerEntry; zipEntry: yauzl.Entry }[]> {
  return new Promise((resolve, reject) => {
    if (zip.entryCount > limits.maxEntries) {
      reject(fatal('', 'zip_too_many_entries', `压缩包有 ${zip.entryCount} 个条目，超过 ${limits.maxEntries} 个的上限，已拒绝`));
      return;
    }
    const out: { entry: ContainerEntry; zipEntry: yauzl.Entry }[] = [];
    const seen = new Map<string, string>();
    let total = 0;
    const fail = (error: unknown) => {
      zip.removeAllListeners('entry');
      reject(error);
    };
    zip.on('error', (err: Error) => fail(fatal('', 'zip_invalid', `压缩包已损坏或不是有效的 zip 文件：${err.message}`)));
    zip.on('end', () => resolve(out));
    zip.on('entry', (zipEntry: yauzl.Entry) => {
      try {
        const name = decodeEntryName(zipEntry.fileName as unknown as Buffer, zipEntry.generalPurposeBitFlag, zipEntry.extraFields);
        const bad = checkEntryName(name);
        if (bad) throw fatal(name, bad.code, bad.message);
        const mode = (zipEntry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) throw fatal(name, 'zip_symlink', `压缩包含符号链接条目，可能指向数据包以外的文件，已拒绝：${name}`);
        if ((zipEntry.generalPurposeBitFlag & 0x1) !== 0) throw fatal(name, 'zip_encrypted', `压缩包条目已加密，无法核查，请提供未加密的数据包：${name}`);
        const key = fold(name.replace(/\/+$/, ''));
        const previous = seen.get(key);
        if (previous !== undefined) {
          throw fatal(name, 'zip_duplicate', `压缩包中有重复的条目名称「${previous}」与「${name}」（不区分大小写），无法确定应读取哪一个，已拒绝`);
        }
        seen.set(key, name);
        if (!name.endsWith('/')) {
          if (zipEntry.compressionMethod !== 0 && zipEntry.compressionMethod !== 8) {
            throw fatal(name, 'zip_method', `压缩包条目使用不支持的压缩方式（${zipEntry.compressionMethod}），请用标准 Deflate 重新压缩：${name}`);
          }
          if (zipEntry.uncompressedSize > limits.maxEntryBytes) {
            throw fatal(name, 'zip_bomb_size', `文件声明的解压大小 ${formatBytes(zipEntry.uncompressedSize)} 超过 ${formatBytes(limits.maxEntryBytes)} 的上限，已拒绝`);
          }
          if (zipEntry.uncompressedSize > limits.ratioFloorBytes && zipEntry.uncompressedSize / Math.max(1, zipEntry.compressedSize) > limits.maxRatio) {
            throw fatal(name, 'zip_bomb_ratio', `文件声明的压缩比超过 ${limits.maxRatio}:1，疑似压缩炸弹，已拒绝`);
          }
          total += zipEntry.uncompressedSize;
          if (total > limits.maxTotalBytes) {
            throw fatal('', 'zip_bomb_size', `压缩包解压后总大小超过 ${formatBytes(limits.maxTotalBytes)} 的上限，已拒绝`);
          }
          out.push({ entry: { path: name, size: zipEntry.uncompressedSize, compressedSize: zipEntry.compressedSize }, zipEntry });
        }
        zip.readEntry();
      } catch (error) {
        fail(error);
      }
    });
    zip.readEntry();
  });
}

const isHidden = (name: string) => name.startsWith('.');

/**
 * A folder package. Hidden files (.DS_Store, .git, …) are not part of it, so copying the
 * folder between systems keeps its identity; symbolic links are refused like in a zip.
 */
export async function openFolderContainer(dir: string, limits: ContainerLimits = DEFAULT_CONTAINER_LIMITS, options: OpenOptions = {}): Promise<PackageContainer> {
  const entries = new Map<string, ContainerEntry>();
  const byFold = new Map<string, ContainerEntry>();
  const walk = async (rel: string): Promise<void> => {
    for (const dirent of await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true })) {
      if (isHidden(dirent.name)) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isSymbolicLink()) throw fatal(child, 'zip_symlink', `数据包文件夹含符号链接，可能指向数据包以外的文件，已拒绝：${child}`);
      if (dirent.isDirectory()) await walk(child);
      else if (dirent.isFile()) {
        if (entries.size >= limits.maxEntries) throw fatal('', 'zip_too_many_entries', `文件夹中的文件超过 ${limits.maxEntries} 个的上限，已拒绝`);
        const key = fold(child);
        const previous = byFold.get(key);
        if (previous) throw fatal(child, 'zip_duplicate', `文件夹中有仅大小写不同的文件「${previous.path}」与「${child}」，已拒绝`);
        const { size } = await fs.promises.stat(path.join(dir, child));
        const entry = { path: child, size, compressedSize: size };
        entries.set(child, entry);
        byFold.set(key, entry);
      }
    }
  };
  await walk('');
  const sha256 = options.identify === false ? '' : await folderSha256(dir, [...entries.keys()]);
  return {
    kind: 'folder',
    sourceName: path.basename(path.resolve(dir)),
    sha256,
    entries,
    find: (name) => byFold.get(fold(name)),
    read: (entry) => limited(fs.createReadStream(path.join(dir, entry.path), { highWaterMark: CHUNK }), entry, limits, false),
    close: () => undefined,
  };
}

/**
 * A folder package's identity: the SHA-256 of its canonical listing, one "path<TAB>sha256" line
 * per file, sorted by path. `known` holds hashes already computed (the importer's reading thread
 * hashes every table it reads), so those files are not read a second time.
 */
export async function folderSha256(dir: string, files: string[], known: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const listing = createHash('sha256');
  for (const name of [...files].sort()) listing.update(`${name}\t${known.get(name) ?? (await hashFile(path.join(dir, name)))}\n`);
  return listing.digest('hex');
}

/** One file seen as a container of itself (reference files, single tables). */
export async function openFileContainer(file: string, limits: ContainerLimits = DEFAULT_CONTAINER_LIMITS): Promise<PackageContainer> {
  const { size } = await fs.promises.stat(file);
  const entry: ContainerEntry = { path: path.basename(file), size, compressedSize: size };
  return {
    kind: 'folder',
    sourceName: entry.path,
    sha256: await hashFile(file),
    entries: new Map([[entry.path, entry]]),
    find: (name) => (fold(name) === fold(entry.path) ? entry : undefined),
    read: () => limited(fs.createReadStream(file, { highWaterMark: CHUNK }), entry, limits, false),
    close: () => undefined,
  };
}

export async function openContainer(source: string, limits?: ContainerLimits, options?: OpenOptions): Promise<PackageContainer> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(source);
  } catch {
    throw fatal('', 'source_missing', `找不到数据包：${source}`);
  }
  return stat.isDirectory() ? openFolderContainer(source, limits, options) : openZipContainer(source, limits, options);
}

/** Reads a whole (small) file, refusing anything over `maxBytes`. */
export async function readAll(container: PackageContainer, entry: ContainerEntry, maxBytes: number): Promise<Buffer> {
  if (entry.size > maxBytes) throw fatal(entry.path, 'file_too_large', `文件大小 ${formatBytes(entry.size)} 超过 ${formatBytes(maxBytes)} 的上限`);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of container.read(entry)) {
    total += chunk.length;
    if (total > maxBytes) throw fatal(entry.path, 'file_too_large', `文件超过 ${formatBytes(maxBytes)} 的上限`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@shared/errors';

/*
 * Files sent through the browser-mode HTTP door (a package zip, a reference CSV) are written
 * under dataDir/uploads/<id>/<name> and later named by id only, so an API caller can never
 * point the core at an arbitrary path through an upload.
 */

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uploadsRoot(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/** Keeps the last path component, without control characters; never empty. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? 'upload.bin' : base;
}

export async function saveUpload(dataDir: string, fileName: string, data: Buffer | Readable): Promise<{ uploadId: string; path: string }> {
  const uploadId = randomUUID();
  const dir = path.join(uploadsRoot(dataDir), uploadId);
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, safeName(fileName));
  await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, fs.createWriteStream(file));
  return { uploadId, path: file };
}

/** The stored file of an upload, or `not_found`. */
export function resolveUpload(dataDir: string, uploadId: string): { path: string; name: string } {
  if (!ID_RE.test(uploadId)) throw new AppError('invalid_argument', `上传编号格式不正确：${uploadId}`);
  const dir = path.join(uploadsRoot(dataDir), uploadId);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (names.length !== 1) throw new AppError('not_found', `找不到上传的文件（编号 ${uploadId}），请重新上传`);
  return { path: path.join(dir, names[0]), name: names[0] };
}

export function removeUpload(dataDir: string, uploadId: string): void {
  if (!ID_RE.test(uploadId)) return;
  fs.rmSync(path.join(uploadsRoot(dataDir), uploadId), { recursive: true, force: true });
}

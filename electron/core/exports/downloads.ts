import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../context';
import { nowUtc8 } from '../checks/store';

export interface ExportRecord {
  id: string;
  kind: string;
  target: string;
  fileName: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** Opaque ids only: what the download route accepts is never a path. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Writes a generated file under dataDir/exports/ and registers it, so the browser-mode server
 * can serve it by id (GET /download/<id>) and the CLI can copy it where the user asked.
 */
export function saveExport(ctx: CoreContext, kind: string, target: string, fileName: string, content: Buffer): ExportRecord {
  const id = randomUUID();
  const dir = path.join(ctx.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${id}${path.extname(fileName)}`);
  fs.writeFileSync(file, content);
  const record: ExportRecord = { id, kind, target, fileName, path: file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  ctx.ws.raw
    .prepare('INSERT INTO exports (id, kind, target, file_name, path, bytes, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, kind, target, fileName, file, record.bytes, record.sha256, nowUtc8(), ctx.actor);
  return record;
}

/** The registered export with this id whose file still exists, or null. */
export function findExport(ctx: Pick<CoreContext, 'ws'>, id: string): ExportRecord | null {
  if (!ID.test(id)) return null;
  const row = ctx.ws.raw.prepare('SELECT id, kind, target, file_name, path, bytes, sha256 FROM exports WHERE id = ?').get(id) as
    | { id: string; kind: string; target: string; file_name: string; path: string; bytes: number; sha256: string }
    | undefined;
  if (!row || !fs.existsSync(row.path)) return null;
  return { id: row.id, kind: row.kind, target: row.target, fileName: row.file_name, path: row.path, bytes: row.bytes, sha256: row.sha256 };
}

/** A fresh id and file path under dataDir/exports/ for a file written by streaming (see registerExport). */
export function reserveExport(ctx: CoreContext, fileName: string): { id: string; path: string } {
  const id = randomUUID();
  const dir = path.join(ctx.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  return { id, path: path.join(dir, `${id}${path.extname(fileName)}`) };
}

/** Registers a file written at a reserved path; size and SHA-256 are read back from the disk. */
export async function registerExport(ctx: CoreContext, reserved: { id: string; path: string }, kind: string, target: string, fileName: string): Promise<ExportRecord> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(reserved.path)) hash.update(chunk as Buffer);
  const record: ExportRecord = { id: reserved.id, kind, target, fileName, path: reserved.path, bytes: fs.statSync(reserved.path).size, sha256: hash.digest('hex') };
  ctx.ws.raw
    .prepare('INSERT INTO exports (id, kind, target, file_name, path, bytes, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(record.id, kind, target, fileName, record.path, record.bytes, record.sha256, nowUtc8(), ctx.actor);
  return record;
}

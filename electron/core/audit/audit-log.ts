import { createHash } from 'node:crypto';
import type { Workspace } from '../db/connection';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/**
 * Append-only, hash-chained log of what the inspector did (imports, reviews, exports).
 * Each entry's hash covers the previous hash, so editing or removing a past entry breaks
 * the chain that `verify` walks. Triggers in the schema refuse UPDATE and DELETE.
 */
export class AuditLog {
  constructor(
    private readonly ws: Workspace,
    private readonly actor: string,
  ) {}

  record(action: string, target: string | null, detail?: unknown): void {
    const raw = this.ws.raw;
    const prev = raw.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = prev?.hash ?? GENESIS;
    const at = new Date().toISOString();
    const detailJson = detail === undefined ? null : JSON.stringify(detail);
    const hash = entryHash(prevHash, at, this.actor, action, target, detailJson);
    raw
      .prepare('INSERT INTO audit_log (at, actor, action, target, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(at, this.actor, action, target, detailJson, prevHash, hash);
  }

  list(options: { limit: number; beforeId?: number }): AuditEntry[] {
    const rows = this.ws.raw
      .prepare('SELECT id, at, actor, action, target, detail_json, hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit) as {
      id: number; at: string; actor: string; action: string; target: string | null; detail_json: string | null; hash: string;
    }[];
    return rows.map(({ detail_json, ...row }) => ({ ...row, detail: detail_json === null ? null : JSON.parse(detail_json) }));
  }

  /** Walks the chain; returns the id of the first entry that does not match, or null when intact. */
  verify(): { ok: boolean; brokenAtId: number | null; entries: number } {
    let prevHash = GENESIS;
    let entries = 0;
    for (const row of this.ws.raw.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<{
      id: number; at: string; actor: string; action: string; target: string | null; detail_json: string | null; prev_hash: string; hash: string;
    }>) {
      entries++;
      const expected = entryHash(prevHash, row.at, row.actor, row.action, row.target, row.detail_json);
      if (row.prev_hash !== prevHash || row.hash !== expected) return { ok: false, brokenAtId: row.id, entries };
      prevHash = row.hash;
    }
    return { ok: true, brokenAtId: null, entries };
  }
}

function entryHash(prevHash: string, at: string, actor: string, action: string, target: string | null, detailJson: string | null): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, at, actor, action, target, detailJson]))
    .digest('hex');
}

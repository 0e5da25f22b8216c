import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { ReferenceKind, ReferenceSetSummary } from '@shared/api/reference';
import type { LexiconCategory, LicenseRow } from '@shared/domain/reference';
import type { CoreContext } from '../context';
import { nowUtc8 } from '../filing/import';
import { buildLexiconMatcher, type LexiconMatcher, type LexiconTerm } from './lexicon-matcher';
import { readReferenceFile, type ReferenceFile } from './reader';

/** The shipped defaults under resources/reference/. */
export const DEFAULT_REFERENCE_FILES: Record<ReferenceKind, string> = {
  licenses: 'licenses-demo.csv',
  lexicon: 'lexicon.csv',
};

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = { licenses: '新闻许可证名录', lexicon: '敏感名称词库' };

interface SetRow {
  id: number; kind: ReferenceKind; name: string; source_sha256: string; is_default: 0 | 1; is_active: 0 | 1;
  row_count: number; imported_at: string; imported_by: string;
}

export function toSummary(row: SetRow): ReferenceSetSummary {
  return {
    id: row.id, kind: row.kind, name: row.name, sourceSha256: row.source_sha256, isDefault: row.is_default === 1,
    rowCount: row.row_count, importedAt: row.imported_at, importedBy: row.imported_by,
  };
}

export function activeSet(db: Database.Database, kind: ReferenceKind): SetRow | undefined {
  return db.prepare('SELECT * FROM reference_sets WHERE kind = ? AND is_active = 1').get(kind) as SetRow | undefined;
}

/** Stores a checked reference file as a new set; when `activate`, it replaces the active one (one transaction). */
export function storeSet(db: Database.Database, file: ReferenceFile, options: { name: string; isDefault: boolean; activate: boolean; actor: string }): number {
  return db.transaction(() => {
    const kind = file.data.kind;
    if (options.activate) db.prepare('UPDATE reference_sets SET is_active = 0 WHERE kind = ? AND is_active = 1').run(kind);
    const id = Number(
      db
        .prepare('INSERT INTO reference_sets (kind, name, source_sha256, is_default, is_active, row_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(kind, options.name, file.sha256, options.isDefault ? 1 : 0, options.activate ? 1 : 0, file.data.rows.length, nowUtc8(), options.actor).lastInsertRowid,
    );
    if (file.data.kind === 'licenses') {
      const insert = db.prepare('INSERT INTO ref_licenses (set_id, license_no, holder_name, services, valid_until, province) VALUES (?, ?, ?, ?, ?, ?)');
      for (const r of file.data.rows) insert.run(id, r.license_no, r.holder_name, r.services.length ? JSON.stringify(r.services) : null, r.valid_until, r.province);
    } else {
      const insert = db.prepare('INSERT INTO ref_lexicon (set_id, term, category, note) VALUES (?, ?, ?, ?)');
      for (const r of file.data.rows) insert.run(id, r.term, r.category, r.note ?? null);
    }
    return id;
  })();
}

export async function readOrRefuse(ctx: CoreContext, kind: ReferenceKind, file: string): Promise<ReferenceFile> {
  const result = await readReferenceFile(kind, file, { tmpDir: path.join(ctx.dataDir, 'tmp') });
  if (!result.report.ok) {
    const first = result.report.issues.find((i) => i.severity === 'error');
    const where = first ? `${first.file}${first.row !== null ? ` 第 ${first.row} 行` : ''}${first.column ? ` ${first.column}` : ''}：${first.message}` : '';
    throw new AppError('invalid_input', `${REFERENCE_KIND_LABELS[kind]}文件未通过校验：共 ${result.report.errorCount} 个错误。${where}`, result.report);
  }
  return result;
}

/**
 * The shipped default of a kind as a stored set, loading it when it is not there yet (first use,
 * or the shipped file changed with an update). Null when the file is not shipped.
 */
export async function ensureDefaultSet(ctx: CoreContext, kind: ReferenceKind): Promise<number | null> {
  const file = path.join(ctx.resourcesDir, 'reference', DEFAULT_REFERENCE_FILES[kind]);
  if (!fs.existsSync(file)) return null;
  const loaded = await readOrRefuse(ctx, kind, file);
  const db = ctx.ws.raw;
  const existing = db.prepare('SELECT id FROM reference_sets WHERE kind = ? AND is_default = 1 AND source_sha256 = ?').get(kind, loaded.sha256) as { id: number } | undefined;
  if (existing) return existing.id;
  const id = storeSet(db, loaded, { name: `内置默认 ${DEFAULT_REFERENCE_FILES[kind]}`, isDefault: true, activate: false, actor: 'system' });
  ctx.audit.record('reference.default_loaded', `reference_set:${id}`, { kind, file: DEFAULT_REFERENCE_FILES[kind], sha256: loaded.sha256, rows: loaded.data.rows.length });
  return id;
}

/** On first use: the shipped defaults become the active sets of kinds that have none. */
export async function ensureReferenceLoaded(ctx: CoreContext): Promise<void> {
  for (const kind of ['licenses', 'lexicon'] as const) {
    if (activeSet(ctx.ws.raw, kind)) continue;
    const id = await ensureDefaultSet(ctx, kind);
    if (id !== null) activate(ctx.ws.raw, kind, id);
  }
}

export function activate(db: Database.Database, kind: ReferenceKind, id: number): void {
  db.transaction(() => {
    db.prepare('UPDATE reference_sets SET is_active = 0 WHERE kind = ? AND is_active = 1').run(kind);
    db.prepare('UPDATE reference_sets SET is_active = 1 WHERE id = ?').run(id);
  })();
}

/** The terms of a stored lexicon set (sets are never changed once stored). */
export function lexiconTerms(db: Database.Database, setId: number): LexiconTerm[] {
  return (db.prepare('SELECT term, category, note FROM ref_lexicon WHERE set_id = ? ORDER BY term, category').all(setId) as {
    term: string; category: LexiconCategory; note: string | null;
  }[]).map((r) => ({ term: r.term, category: r.category, ...(r.note ? { note: r.note } : {}) }));
}

/**
 * The active lexicon, compiled once per stored set (its id and source SHA-256) rather than on
 * every call: campaign statistics ask for it on each computation, and only the lexicon (not the
 * licence registry) is needed there. The shipped defaults are loaded on first use, as for a check.
 */
export function activeLexiconMatcher(ctx: CoreContext): () => Promise<LexiconMatcher> {
  let cached: { key: string; matcher: LexiconMatcher } | null = null;
  return async () => {
    await ensureReferenceLoaded(ctx);
    const set = activeSet(ctx.ws.raw, 'lexicon');
    const key = set ? `${set.id}:${set.source_sha256}` : '';
    if (cached?.key !== key) cached = { key, matcher: buildLexiconMatcher(set ? lexiconTerms(ctx.ws.raw, set.id) : []) };
    return cached.matcher;
  };
}

export interface ActiveReference {
  licenses: Map<string, LicenseRow>;
  lexicon: LexiconTerm[];
  /** Where each set came from (set name or file name), for the check run's record. */
  licensesName: string;
  lexiconName: string;
}

/**
 * The reference data a check run uses: the active sets (the shipped defaults on first use), or,
 * for one run only, other files the inspector names (read and validated, never stored).
 */
export async function getActiveReference(ctx: CoreContext, override: { licensesFile?: string; lexiconFile?: string } = {}): Promise<ActiveReference> {
  await ensureReferenceLoaded(ctx);
  const db = ctx.ws.raw;
  let licenses = new Map<string, LicenseRow>();
  let licensesName = '未加载';
  if (override.licensesFile) {
    const file = await readOrRefuse(ctx, 'licenses', override.licensesFile);
    if (file.data.kind === 'licenses') for (const { src_row: _row, ...r } of file.data.rows) licenses.set(r.license_no, r);
    licensesName = `${file.sourceName}（本次核查临时使用）`;
  } else {
    const set = activeSet(db, 'licenses');
    if (set) {
      licensesName = set.name;
      licenses = new Map(
        (db.prepare('SELECT license_no, holder_name, services, valid_until, province FROM ref_licenses WHERE set_id = ?').all(set.id) as {
          license_no: string; holder_name: string; services: string | null; valid_until: string | null; province: string | null;
        }[]).map((r) => [r.license_no, { ...r, services: r.services ? (JSON.parse(r.services) as LicenseRow['services']) : [] }]),
      );
    }
  }
  let lexicon: LexiconTerm[] = [];
  let lexiconName = '未加载';
  if (override.lexiconFile) {
    const file = await readOrRefuse(ctx, 'lexicon', override.lexiconFile);
    if (file.data.kind === 'lexicon') lexicon = file.data.rows.map((r) => ({ term: r.term, category: r.category, ...(r.note ? { note: r.note } : {}) }));
    lexiconName = `${file.sourceName}（本次核查临时使用）`;
  } else {
    const set = activeSet(db, 'lexicon');
    if (set) {
      lexiconName = set.name;
      lexicon = lexiconTerms(db, set.id);
    }
  }
  return { licenses, lexicon, licensesName, lexiconName };
}

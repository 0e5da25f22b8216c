import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CampaignView } from '@shared/api/campaigns';
import { campaignFileSchema, campaignInputSchema, describeCampaignIssues, type CampaignInput } from '@shared/domain/campaigns';
import { AppError } from '@shared/errors';
import { nowUtc8 } from '../checks/store';

interface CampaignRow {
  id: number;
  code: string;
  name: string;
  issuer: string;
  window_start: string;
  window_end: string;
  scope_json: string;
  categories_json: string;
  builtin: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

function toView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    issuer: row.issuer,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    scope: JSON.parse(row.scope_json) as CampaignView['scope'],
    categories: JSON.parse(row.categories_json) as CampaignView['categories'],
    builtin: row.builtin === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** Validates an inspector's definition; every problem is named (category, field, value) in Chinese. */
export function parseCampaignInput(input: unknown): CampaignInput {
  const parsed = campaignInputSchema.safeParse(input);
  if (!parsed.success) {
    const lines = describeCampaignIssues(parsed.error, input);
    throw new AppError('invalid_input', `专项行动定义有误：${lines.join('；')}`, { issues: lines });
  }
  return parsed.data;
}

export class CampaignRepository {
  constructor(private readonly db: Database.Database) {}

  list(): CampaignView[] {
    return (this.db.prepare('SELECT * FROM campaigns ORDER BY window_start DESC, id').all() as CampaignRow[]).map(toView);
  }

  get(id: number): CampaignView {
    const row = this.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
    if (!row) throw new AppError('not_found', `专项行动不存在：${id}`);
    return toView(row);
  }

  /** By numeric id or by code (the CLI accepts both). */
  find(idOrCode: string): CampaignView | null {
    const row = (/^\d+$/.test(idOrCode)
      ? this.db.prepare('SELECT * FROM campaigns WHERE id = ? OR code = ?').get(Number(idOrCode), idOrCode)
      : this.db.prepare('SELECT * FROM campaigns WHERE code = ?').get(idOrCode)) as CampaignRow | undefined;
    return row ? toView(row) : null;
  }

  insert(c: CampaignInput, actor: string, builtin = false): CampaignView {
    this.assertCodeFree(c.code, null);
    const now = nowUtc8();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO campaigns (code, name, issuer, window_start, window_end, scope_json, categories_json, builtin, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.code, c.name, c.issuer, c.windowStart, c.windowEnd, JSON.stringify(c.scope), JSON.stringify(c.categories), builtin ? 1 : 0, now, actor, now);
    return this.get(Number(lastInsertRowid));
  }

  update(id: number, c: CampaignInput): CampaignView {
    this.get(id);
    this.assertCodeFree(c.code, id);
    this.db
      .prepare(
        `UPDATE campaigns SET code = ?, name = ?, issuer = ?, window_start = ?, window_end = ?, scope_json = ?, categories_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(c.code, c.name, c.issuer, c.windowStart, c.windowEnd, JSON.stringify(c.scope), JSON.stringify(c.categories), nowUtc8(), id);
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM campaigns WHERE id = ?').run(id).changes > 0;
  }

  /** A free code derived from `code`: CODE-副本 is not allowed by the code pattern, so CODE-COPY, CODE-COPY2, … */
  freeCode(code: string): string {
    const taken = new Set(this.db.prepare('SELECT code FROM campaigns').pluck().all() as string[]);
    const base = `${code}-COPY`.slice(0, 36);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  private assertCodeFree(code: string, exceptId: number | null): void {
    const other = this.db.prepare('SELECT id, name FROM campaigns WHERE code = ?').get(code) as { id: number; name: string } | undefined;
    if (other && other.id !== exceptId) throw new AppError('conflict', `行动编号“${code}”已被“${other.name}”使用，请换一个编号`);
  }
}

const SEEDED_KEY = 'campaigns.seeded';

/**
 * Puts the shipped campaigns (resources/campaigns/*.json) into a workspace once. An inspector
 * may edit or delete them afterwards; a deleted one does not come back, and one shipped in a
 * later version is added the first time that version opens the workspace.
 */
export function seedBuiltinCampaigns(db: Database.Database, resourcesDir: string, repo: CampaignRepository): void {
  const dir = path.join(resourcesDir, 'campaigns');
  if (!fs.existsSync(dir)) return;
  const seededRow = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SEEDED_KEY) as string | undefined;
  const seeded = new Set<string>(seededRow ? (JSON.parse(seededRow) as string[]) : []);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  db.transaction(() => {
    for (const file of files) {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
      const parsed = campaignFileSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`内置专项行动定义 ${file} 有误：${describeCampaignIssues(parsed.error, raw).join('；')}`);
      const code = parsed.data.code;
      if (seeded.has(code)) continue;
      seeded.add(code);
      if (repo.find(code)) continue;
      repo.insert(parsed.data, 'system', true);
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SEEDED_KEY, JSON.stringify([...seeded].sort()));
  })();
}

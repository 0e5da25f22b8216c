import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFilingService } from '../filing/service';
import { defaultResourcesDir } from '../paths';
import { generateSamplePackage } from '../sample';
import { runChecks } from './engine';
import { openCheckContext } from './test-kit';
import type { CoreContext } from '../context';

type Entity = { type: string; id?: string; ids?: string[] };
const key = (e: Entity) => (e.type === 'account_group' ? [...(e.ids ?? [])].sort().join(',') : String(e.id));

let dir: string;
let ctx: CoreContext;
let truth: { rules: Record<string, { expected: Entity[]; nearMisses: Entity[] }> };
const found = new Map<string, Set<string>>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-checks-sample-'));
  const generated = await generateSamplePackage({ accounts: 2000, seed: 11, out: path.join(dir, 'package.zip') });
  truth = JSON.parse(fs.readFileSync(generated.groundTruthPath, 'utf8')) as typeof truth;
  ctx = await openCheckContext(path.join(dir, 'workspace.db'), path.join(dir, 'data'), defaultResourcesDir());
  const imported = await createFilingService(ctx).import({ source: { kind: 'path', path: generated.packagePath }, isSample: false });
  await ctx.jobs.run('check', (job) => runChecks(ctx, { filingId: imported.filing.id, reference: { licensesFile: generated.licenseRegistryPath } }, job));
  const rows = ctx.ws.raw.prepare('SELECT rule_id, entity_json FROM findings WHERE filing_id = ? AND present = 1').all(imported.filing.id) as { rule_id: string; entity_json: string }[];
  for (const r of rows) found.set(r.rule_id, (found.get(r.rule_id) ?? new Set()).add(key(JSON.parse(r.entity_json) as Entity)));
}, 300_000);

afterAll(async () => {
  await ctx?.ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('checks on the generated sample (2,000 accounts)', () => {
  it('finds every planted violation, no near miss, and nothing outside the planted set', () => {
    const problems: string[] = [];
    for (const [rule, t] of Object.entries(truth.rules)) {
      const got = found.get(rule) ?? new Set<string>();
      const expected = new Set(t.expected.map(key));
      for (const e of expected) if (!got.has(e)) problems.push(`${rule}: 漏报 ${e}`);
      for (const e of t.nearMisses.map(key)) if (got.has(e)) problems.push(`${rule}: 近似未违规却报告 ${e}`);
      for (const e of got) if (!expected.has(e)) problems.push(`${rule}: 计划外报告 ${e}`);
    }
    for (const rule of found.keys()) if (!(rule in truth.rules)) problems.push(`${rule}: 基准中无此规则，却有 ${found.get(rule)!.size} 项`);
    expect(problems).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createServices, type Services } from '../services';
import { saveUpload } from '../uploads';
import { goodTables, packageFiles, zipFiles } from './testing/package-builder';

let dir: string;
let services: Services;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-svc-'));
  services = await createServices({ dbPath: path.join(dir, 'workspace.db'), dataDir: path.join(dir, 'data'), resourcesDir: path.resolve(__dirname, '../../../resources'), door: 'cli', actor: 'tester' });
});
afterEach(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('filings service', () => {
  it('imports an upload as a job with progress, lists, gets, audits and deletes it', async () => {
    const { uploadId } = await saveUpload(path.join(dir, 'data'), 'pkg.zip', zipFiles(packageFiles(goodTables())));
    const events: string[] = [];
    services.bus.subscribe((e) => events.push(e.name));
    const result = await dispatch(services, 'filings.import', { source: { kind: 'upload', uploadId }, jobId: 'job-1' });
    expect(result.ok).toBe(true);
    const filing = (result as { value: { filing: { id: number; tableCounts: Record<string, number>; sourceName: string } } }).value.filing;
    expect(filing).toMatchObject({ sourceName: 'pkg.zip', tableCounts: { subjects: 2, accounts: 2, contents: 1, blacklist: 0 } });
    expect(events).toContain('job.progress');
    expect(await services.api.filings.list({ platformId: 'P001', periodStart: '2024-12-01' })).toHaveLength(1);
    expect(await services.api.filings.list({ periodEnd: '2024-09-30' })).toHaveLength(0);
    expect((await services.api.filings.get({ id: filing.id })).platform.name).toBe('测试短视频');

    const again = await dispatch(services, 'filings.import', { source: { kind: 'upload', uploadId } });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const validated = await services.api.filings.validate({ source: { kind: 'upload', uploadId } });
    expect(validated).toMatchObject({ existingFilingId: filing.id, report: { ok: false } });

    expect(await services.api.filings.delete({ id: filing.id })).toEqual({ deleted: true });
    expect(services.context.ws.raw.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    const actions = services.context.audit.list({ limit: 10 }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['filing.import', 'filing.import.refused', 'filing.delete']));
  });

  it('returns the validation report as details of a refusal', async () => {
    const files = packageFiles(goodTables());
    files['accounts.csv'] = 'broken';
    fs.writeFileSync(path.join(dir, 'bad.zip'), zipFiles(files));
    const result = await dispatch(services, 'filings.import', { source: { kind: 'path', path: path.join(dir, 'bad.zip') } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { ok: false, issues: expect.any(Array) } } });
  });
});

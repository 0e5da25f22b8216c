import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices } from '../test-support';

let env: Awaited<ReturnType<typeof createTestServices>>;
beforeEach(async () => {
  env = await createTestServices();
});
afterEach(() => env.cleanup());

describe('AuditLog', () => {
  it('records entries newest first with actor and detail', () => {
    const { audit } = env.services.context;
    audit.record('filing.import', 'filing:1', { rows: 3 });
    audit.record('finding.confirm', 'finding:7');
    const entries = audit.list({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['finding.confirm', 'filing.import']);
    expect(entries[1]).toMatchObject({ actor: 'tester', target: 'filing:1', detail: { rows: 3 } });
    expect(audit.list({ limit: 10, beforeId: entries[0].id }).map((e) => e.action)).toEqual(['filing.import']);
  });

  it('verifies an intact chain and pinpoints a tampered entry', () => {
    const { audit } = env.services.context;
    audit.record('a', null);
    audit.record('b', null, { n: 1 });
    audit.record('c', null);
    expect(audit.verify()).toEqual({ ok: true, brokenAtId: null, entries: 3 });
    const raw = env.services.context.ws.raw;
    // A tamperer with direct file access can drop the trigger; the chain still tells.
    raw.exec('DROP TRIGGER audit_log_append_only_update');
    const second = audit.list({ limit: 3 })[1];
    raw.prepare("UPDATE audit_log SET detail_json = '{\"n\":2}' WHERE id = ?").run(second.id);
    expect(audit.verify()).toMatchObject({ ok: false, brokenAtId: second.id });
  });
});

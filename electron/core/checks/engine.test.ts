import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFindingsService } from '../findings/service';
import { CHECK_RULES } from './registry';
import { createKit, type Kit } from './test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit();
});
afterEach(() => kit.close());

describe('engine', () => {
  it('implements every rule of the catalogue and records per-rule time and counts', async () => {
    expect(CHECK_RULES).toHaveLength(35);
    kit.account({ account_id: 'A1', agreement_signed: 0 });
    await kit.run();
    const runs = kit.ws.raw.prepare('SELECT status, rule_stats_json, reference_json FROM check_runs').all() as { status: string; rule_stats_json: string; reference_json: string }[];
    expect(runs[0].status).toBe('succeeded');
    const stats = JSON.parse(runs[0].rule_stats_json) as { ruleId: string; findings: number }[];
    expect(stats).toHaveLength(35);
    expect(stats.find((s) => s.ruleId === 'agreement.unsigned')?.findings).toBe(1);
    expect(JSON.parse(runs[0].reference_json)).toHaveLength(2);
  });

  it('re-running keeps review status; a finding no longer produced is kept, marked not present', async () => {
    kit.account({ account_id: 'A1', display_name: '新闻早知道' });
    kit.lexicon = [{ term: '新闻', category: 'news_word' }];
    const [first] = await kit.run(['name.news_word_unlicensed']);
    const findings = createFindingsService(kit.ctx);
    await findings.review({ ids: [first.id], action: 'confirm' });
    const [again] = await kit.run(['name.news_word_unlicensed']);
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('confirmed');
    expect(again.lastSeenRun).toBeGreaterThan(first.lastSeenRun);

    kit.lexicon = [];
    expect(await kit.run(['name.news_word_unlicensed'])).toEqual([]);
    const gone = await findings.get({ id: first.id });
    expect(gone.present).toBe(false);
    expect(gone.status).toBe('confirmed');

    kit.lexicon = [{ term: '新闻', category: 'news_word' }];
    const [back] = await kit.run(['name.news_word_unlicensed']);
    expect(back).toMatchObject({ id: first.id, present: true, status: 'confirmed' });
  });

  it('refuses unknown rule ids', async () => {
    await expect(kit.run(['no.such_rule'])).rejects.toThrow('no.such_rule');
  });
});

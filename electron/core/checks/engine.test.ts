import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFindingsService } from '../findings/service';
import { CHECK_RULES } from './registry';
import { createKit, type Kit } from './test-kit';
import type { RuleContext } from './types';

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

  it('starts what rules prepare before the first rule runs, times them from then, and stops it with the run', async () => {
    const [early, late] = [CHECK_RULES[0], CHECK_RULES[CHECK_RULES.length - 1]];
    const saved = { earlyRun: early.run, lateRun: late.run, latePrepare: late.prepare };
    const log: string[] = [];
    let prepared: RuleContext | undefined;
    try {
      late.prepare = (rc) => {
        prepared = rc;
        log.push('prepare late');
        return true;
      };
      early.run = () => {
        log.push('run early');
        const until = performance.now() + 60;
        while (performance.now() < until);
        return [];
      };
      late.run = () => {
        log.push('run late');
        return [];
      };
      await kit.run([early.id, late.id]);
      expect(log).toEqual(['prepare late', 'run early', 'run late']);
      const { rule_stats_json } = kit.ws.raw.prepare('SELECT rule_stats_json FROM check_runs ORDER BY id DESC').get() as { rule_stats_json: string };
      const ms = Object.fromEntries((JSON.parse(rule_stats_json) as { ruleId: string; ms: number }[]).map((s) => [s.ruleId, s.ms]));
      expect(ms[late.id]).toBeGreaterThanOrEqual(60);
      expect(ms[early.id]).toBeGreaterThanOrEqual(60);

      // A run that fails stops the work prepared for it.
      early.run = () => {
        throw new Error('规则出错');
      };
      await expect(kit.run([early.id, late.id])).rejects.toThrow('规则出错');
      expect(() => prepared?.job.throwIfCancelled()).toThrow(/核查运行已结束/);
    } finally {
      Object.assign(early, { run: saved.earlyRun });
      Object.assign(late, { run: saved.lateRun, prepare: saved.latePrepare });
    }
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

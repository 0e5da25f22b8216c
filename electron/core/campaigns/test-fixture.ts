import type Database from 'better-sqlite3';

/*
 * Two platforms, four filings, findings and enforcement actions on both sides of the QL2024
 * window (2024-10-01 … 2024-12-31), rows inserted directly. The expected counts in the tests
 * are worked out by hand from the comments here, not from running the code.
 *
 * P1 甲平台: F1 v1 period 2024-10-01…12-31; F1b v2 period 2024-11-01…11-30 (re-filing).
 * P2 乙平台: F2 period 2024-09-01…11-30; F3 period 2025-01-01…03-31 (no overlap: out of scope).
 */

type Ev = { table: string; src_row: number; key: Record<string, string | number | null> };

const act = (start: string): Ev => ({ table: 'enforcement_actions', src_row: 2, key: { action_id: 'x', start_at: start } });
const content = (at: string): Ev => ({ table: 'contents', src_row: 2, key: { content_id: 'c', published_at: at } });
const account = (id: string): Ev => ({ table: 'accounts', src_row: 2, key: { account_id: id } });

export const FILINGS = { F1: 1, F1b: 2, F2: 3, F3: 4 } as const;

export function insertCampaignFixture(db: Database.Database): void {
  const filing = db.prepare(
    `INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', '2025-01-06 09:00:00', 'tester')`,
  );
  filing.run(FILINGS.F1, 'a'.repeat(64), 'p1-q4.zip', 'P1', '甲平台', '2024-10-01', '2024-12-31', 1);
  filing.run(FILINGS.F1b, 'b'.repeat(64), 'p1-nov.zip', 'P1', '甲平台', '2024-11-01', '2024-11-30', 2);
  filing.run(FILINGS.F2, 'c'.repeat(64), 'p2.zip', 'P2', '=乙平台', '2024-09-01', '2024-11-30', 1);
  filing.run(FILINGS.F3, 'd'.repeat(64), 'p2-2025.zip', 'P2', '=乙平台', '2025-01-01', '2025-03-31', 2);

  const accountRow = db.prepare(
    `INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, src_row)
     VALUES (?, ?, 'S', ?, 'news', '2024-01-01 00:00:00', 'active', 0, 2)`,
  );
  accountRow.run(FILINGS.F1, 'A6', 'CCTV焦点速递'); // news_media term: counts for category 3
  accountRow.run(FILINGS.F1, 'A7', '三亚市委通知'); // party_government only: does not

  for (const f of Object.values(FILINGS)) {
    db.prepare(
      `INSERT INTO check_runs (id, filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (?, ?, 'rules-v1', '[]', 'succeeded', '2025-01-06 10:00:00', '[]', 'tester')`,
    ).run(f, f);
  }
  const finding = db.prepare(
    `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, title, explanation, evidence_json, citations_json,
                           status, present, typical_case, typical_summary, first_seen_run, last_seen_run, created_at, updated_at)
     VALUES (@f, @rule, 'high', 'account', @acct, json_object('type', 'account', 'id', @acct), @acct, 't', @explanation, @evidence, '[]',
             @status, @present, @typical, @summary, @f, @f, '2025-01-06 10:00:00', '2025-01-06 10:00:00')`,
  );
  const add = (f: number, rule: string, acct: string, evidence: Ev[], status = 'pending', extra: { present?: number; typical?: string; explanation?: string } = {}) =>
    finding.run({
      f,
      rule,
      acct,
      evidence: JSON.stringify(evidence),
      status,
      present: extra.present ?? 1,
      typical: extra.typical ? 1 : 0,
      summary: extra.typical ?? null,
      explanation: extra.explanation ?? `账号 ${acct} 的问题`,
    });

  // F1 (P1)
  add(FILINGS.F1, 'enforcement.rumor_not_closed', 'A1', [account('A1'), act('2024-10-01 00:00:00')], 'confirmed', { typical: '造谣账号未关闭', explanation: '=HYPERLINK("http://evil")' }); // a: cat 1, first day
  add(FILINGS.F1, 'enforcement.rumor_not_closed', 'A2', [account('A2'), act('2024-09-30 23:59:59')], 'confirmed'); // b: one second before the window
  add(FILINGS.F1, 'news.unlicensed_publishing', 'A3', [account('A3'), content('2024-12-31 23:59:59')], 'rectified'); // c: cat 4, last second
  add(FILINGS.F1, 'news.unlicensed_publishing', 'A4', [account('A4'), content('2024-09-15 10:00:00'), content('2025-01-01 00:00:00')]); // d: both sides, none inside
  add(FILINGS.F1, 'news.account_without_license', 'A3', [account('A3')]); // e: no event → period end 12-31, cat 4
  add(FILINGS.F1, 'news.license_invalid', 'A5', [account('A5')], 'dismissed'); // f: dismissed
  add(FILINGS.F1, 'name.impersonation_suspect', 'A6', [account('A6')]); // g: news_media name → cat 3
  add(FILINGS.F1, 'name.impersonation_suspect', 'A7', [account('A7')]); // h: party_government name only
  add(FILINGS.F1, 'identity.unverified', 'A8', [account('A8')]); // i: not a campaign rule
  add(FILINGS.F1, 'name.news_word_unlicensed', 'A9', [account('A9')], 'pending', { present: 0 }); // j: no longer produced
  // F1b (P1 re-filing)
  add(FILINGS.F1b, 'news.account_without_license', 'A3', [account('A3')]); // k: same problem as e: counted once
  add(FILINGS.F1b, 'news.license_invalid', 'A10', [account('A10')], 'confirmed'); // l: period end 11-30, cat 5
  // F2 (P2)
  add(FILINGS.F2, 'news.license_invalid', 'B1', [account('B1')]); // m: period end 11-30, cat 5
  add(FILINGS.F2, 'enforcement.rumor_not_closed', 'B2', [account('B2'), act('2024-09-20 09:00:00'), act('2024-10-15 09:00:00')], 'confirmed'); // n: dated 10-15
  // F3 (P2, out of scope)
  add(FILINGS.F3, 'news.license_invalid', 'B3', [account('B3')], 'confirmed'); // p

  const action = db.prepare(
    `INSERT INTO enforcement_actions (filing_id, action_id, target_type, account_id, mcn_id, action, reason, start_at, src_row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2)`,
  );
  action.run(FILINGS.F1, 'X1', 'account', 'A1', null, 'ban', 'rumor_making', '2024-10-01 08:00:00'); // cat 1, week 1
  action.run(FILINGS.F1, 'X2', 'account', 'A1', null, 'close', 'rumor_making', '2024-10-02 00:00:00'); // cat 1, week 1
  action.run(FILINGS.F1, 'X3', 'account', 'A2', null, 'warning', 'fake_news', '2024-09-30 23:59:59'); // before the window
  action.run(FILINGS.F1, 'X4', 'account', 'A3', null, 'warning', 'unlicensed_news', '2024-12-31 23:59:59'); // cat 4, week 14
  action.run(FILINGS.F1, 'X5', 'account', 'A4', null, 'ban', 'vulgar', '2024-11-01 00:00:00'); // reason not in the campaign
  action.run(FILINGS.F1, 'X6', 'account', 'A6', null, 'close', 'impersonation', '2025-01-01 00:00:00'); // after the window
  action.run(FILINGS.F1, 'X7', 'mcn', null, 'M1', 'suspend_monetization', 'extortion', '2024-10-10 12:00:00'); // cat 2, MCN: no account, week 2
  action.run(FILINGS.F1b, 'X1', 'account', 'A1', null, 'ban', 'rumor_making', '2024-10-01 08:00:00'); // same action re-filed
  action.run(FILINGS.F1b, 'X8', 'account', 'A10', null, 'blacklist', 'license_fraud', '2024-11-15 10:00:00'); // cat 5, week 7
  action.run(FILINGS.F2, 'Y1', 'account', 'B2', null, 'ban', 'rumor_making', '2024-10-15 09:00:00'); // cat 1, week 3
  action.run(FILINGS.F2, 'Y2', 'account', 'B2', null, 'close', 'fake_news', '2024-10-16 09:00:00'); // cat 1, week 3
  action.run(FILINGS.F2, 'Y3', 'account', 'B4', null, 'warning', 'extortion', '2024-11-30 23:00:00'); // cat 2, week 9
  action.run(FILINGS.F3, 'Z1', 'account', 'B3', null, 'close', 'license_fraud', '2025-01-05 00:00:00'); // filing out of scope
}

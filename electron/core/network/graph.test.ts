import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseNetwork } from './analyse';
import { neutralise, nodeListWorkbook } from './export-nodes';
import { buildGraph } from './graph';
import { noJob, NetworkFixture } from './test-fixture';

let fx: NetworkFixture;
afterEach(() => fx?.close());

async function scene() {
  fx = await NetworkFixture.open();
  fx.subject('S1', 'K1', 'individual', '张*').subject('S0', 'K0', 'enterprise', '前东家有限公司');
  fx.account('A1', 'S1', 5000).account('A2', 'S1', 10, { name: '=HYPERLINK("x")' }).loners('B1', 'C1');
  fx.identifier('A2', 'phone', 'ph').identifier('B1', 'phone', 'ph');
  fx.identifier('A1', 'ip', 'ip1').identifier('B1', 'ip', 'ip1');
  fx.identifier('A1', 'device', 'lonely');
  fx.mcn('M1', '星河传媒').contract('M1', 'A1', '2024-01-01 00:00:00', '2024-12-01 00:00:00');
  fx.transfer('T1', 'A1', 'S0', 'S1', '2024-05-01 00:00:00');
  const burst = fx.burst(['A1', 'B1', 'C1'], '2024-11-01 10:00:00');
  fx.finding('identity.unverified', 'high', { type: 'account', id: 'A2' }, { accountId: 'A2', identityKey: 'K1' });
  fx.finding('registration.incomplete', 'low', { type: 'subject', id: 'K1' }, { identityKey: 'K1' });
  analyseNetwork(fx.db, fx.filingId, noJob);
  return { burst };
}

describe('graph of a focus', () => {
  it('shows a matrix with its subjects, former subjects, MCN, shared identifiers and bursts', async () => {
    const { burst } = await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'account', accountId: 'B1' }, 100);
    const keys = g.nodes.map((n) => n.key).sort();
    expect(keys).toEqual(['a:A1', 'a:A2', 'a:B1', `b:${burst}`, 'i:ip:ip1', 'i:phone:ph', 'm:M1', 's:K-B1', 's:K0', 's:K1'].sort());
    expect(g.matrix?.accounts).toBe(3);
    const kinds = (kind: string) => g.edges.filter((e) => e.kind === kind).map((e) => `${e.source}>${e.target}`).sort();
    expect(kinds('owns')).toEqual(['s:K-B1>a:B1', 's:K1>a:A1', 's:K1>a:A2']);
    expect(kinds('phone')).toEqual(['a:A2>i:phone:ph', 'a:B1>i:phone:ph']);
    expect(kinds('burst')).toEqual([`a:A1>b:${burst}`, `a:B1>b:${burst}`]); // C1 is outside the matrix
    expect(g.edges.find((e) => e.kind === 'contract')).toMatchObject({ from: '2024-01-01 00:00:00', to: '2024-12-01 00:00:00' });
    expect(g.edges.find((e) => e.kind === 'transfer')).toMatchObject({ source: 's:K0', target: 'a:A1', from: '2024-05-01 00:00:00' });
  });

  it('gives each node its worst finding: account findings to accounts, subject-only findings to subjects, groups to members', async () => {
    await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'matrix', matrixId: 1 }, 100);
    const n = (key: string) => g.nodes.find((x) => x.key === key)!;
    expect(n('a:A2')).toMatchObject({ severity: 'high', findings: 1 });
    expect(n('s:K1')).toMatchObject({ severity: 'low', findings: 1 });
    expect(n('a:A1')).toMatchObject({ severity: 'medium', findings: 1, followers: 5000 });
    expect(n('m:M1')).toMatchObject({ severity: null, label: '星河传媒' });
  });

  it('limits the accounts to the most followed and says so', async () => {
    await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'matrix', matrixId: 1 }, 1);
    expect(g.nodes.filter((x) => x.kind === 'account').map((x) => x.ref)).toEqual(['A1']);
    expect(g).toMatchObject({ truncated: true, totalAccounts: 3 });
  });

  it('shows an MCN with every account it ever contracted', async () => {
    await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'mcn', mcnId: 'M1' }, 100);
    expect(g.nodes.filter((x) => x.kind === 'account').map((x) => x.ref)).toEqual(['A1']);
    expect(g.title).toContain('星河传媒');
    expect(() => buildGraph(fx.db, fx.filingId, { kind: 'mcn', mcnId: 'nope' }, 100)).toThrow(/MCN/);
  });

  it('shows an account in no matrix alone with its own links', async () => {
    await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'account', accountId: 'C1' }, 100);
    expect(g.matrix).toBeNull();
    expect(g.nodes.filter((x) => x.kind === 'account').map((x) => x.ref)).toEqual(['C1']);
  });
});

describe('node list export', () => {
  it('writes the nodes in view, neutralising cells that Excel would read as formulas', async () => {
    await scene();
    const g = buildGraph(fx.db, fx.filingId, { kind: 'matrix', matrixId: 1 }, 100);
    const { buffer, rows } = await nodeListWorkbook(g, new Set(['a:A1', 'a:A2', 's:K1']));
    expect(rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
    expect(values).toContainEqual(['账号', 'A2', `'=HYPERLINK("x")`]);
    expect(values.find((r) => r[1] === 'K1')?.[0]).toBe('实名主体');
    // degree counts only edges between nodes in view: A1 and A2 each have their ownership edge
    expect(sheet.getRow(2).getCell(8).value).toBe(1);
  });

  it('neutralise quotes only the dangerous first characters', () => {
    expect(neutralise('=1')).toBe("'=1");
    expect(neutralise('@a')).toBe("'@a");
    expect(neutralise('-5')).toBe("'-5");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('正常=1')).toBe('正常=1');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../sample/prng';
import { scanNearDuplicates } from './near-duplicate-scan';
import { createKit, type Kit } from './test-kit';

let kit: Kit | undefined;
let dir = '';
afterEach(async () => {
  await kit?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const CHARS = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川风云雷电江河湖海东南西北春夏秋冬'];
const pad = (n: number) => String(n).padStart(2, '0');

describe('scanNearDuplicates', () => {
  it('finds the same pairs on several threads as on one, pairs across slice boundaries included', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-nd-scan-'));
    kit = await createKit({ dbPath: path.join(dir, 'workspace.db') });
    kit.account({ account_id: 'A1' });
    const rng = new Rng(7);
    const bases = Array.from({ length: 12 }, () => Array.from({ length: rng.int(22, 40) }, () => rng.pick(CHARS)));
    // 1,500 contents over four days, every one a light edit of a few bases: many pairs, many of
    // them straddling wherever the slices are cut; equal published_at values on purpose.
    for (let i = 0; i < 1500; i++) {
      const chars = [...rng.pick(bases)];
      for (let e = rng.int(0, 3); e > 0; e--) chars[rng.int(0, chars.length - 1)] = rng.pick(CHARS);
      const minute = Math.floor((i * 4 * 24 * 60) / 1500 / 5) * 5;
      const at = `2024-10-${pad(1 + Math.floor(minute / 1440))} ${pad(Math.floor((minute % 1440) / 60))}:${pad(minute % 60)}:00`;
      kit.insert('contents', { content_id: `C${i}`, account_id: 'A1', published_at: at, title: null, text: chars.join('') });
    }
    const key = (p: { a: number; b: number; shared: number; union: number }) => `${Math.min(p.a, p.b)}:${Math.max(p.a, p.b)}:${p.shared}:${p.union}`;
    const one = (await scanNearDuplicates(kit.ws.raw, kit.ws.path, kit.filingId, { threads: 1 })).map(key).sort();
    // While the threads run (each reports progress on its first content), the niceness of this
    // process's threads: on Linux the scan's are lowered to 10, this one's is not.
    const own = os.getPriority(0);
    const niceness: number[] = [];
    const sample = () => {
      if (process.platform !== 'linux') return;
      for (const task of fs.readdirSync('/proc/self/task')) {
        const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
        // Fields after the command's closing parenthesis: state is field 3, nice field 19.
        niceness.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
      }
    };
    const three = (await scanNearDuplicates(kit.ws.raw, kit.ws.path, kit.filingId, { threads: 3, throwIfCancelled: sample })).map(key).sort();
    expect(one.length).toBeGreaterThan(1000);
    expect(three).toEqual(one);
    if (process.platform === 'linux') {
      // Started at niceness 10 or more, a thread may not go back to 10 without privilege.
      if (own < 10) expect(niceness).toContain(10);
      else console.log(`测试进程本身的 nice 值为 ${own}（≥ 10），不检查比对线程的优先级`);
      expect(os.getPriority(0)).toBe(own);
    } else expect(niceness).toEqual([]);
  });

  it('compares title and text joined, also when it reads an earlier content back for the recount', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-nd-scan-'));
    kit = await createKit({ dbPath: path.join(dir, 'workspace.db') });
    kit.account({ account_id: 'A1' });
    // 25 distinct characters: split over title and text, all in the text, all in the title. The
    // text alone of the first is 15 characters, under the 20 that take part.
    const text = CHARS.slice(0, 25).join('');
    kit.insert('contents', { content_id: 'C1', account_id: 'A1', published_at: '2024-10-01 08:00:00', title: text.slice(0, 10), text: text.slice(10) });
    kit.insert('contents', { content_id: 'C2', account_id: 'A1', published_at: '2024-10-01 09:00:00', title: null, text });
    kit.insert('contents', { content_id: 'C3', account_id: 'A1', published_at: '2024-10-01 10:00:00', title: text, text: null });
    const ids = new Map(
      (kit.ws.raw.prepare('SELECT rowid, content_id FROM contents').raw().all() as [number, string][]).map(([rowid, id]) => [rowid, id]),
    );
    const pairs = await scanNearDuplicates(kit.ws.raw, kit.ws.path, kit.filingId, { threads: 1 });
    expect(pairs.map((p) => [ids.get(p.a), ids.get(p.b), p.shared, p.union])).toEqual([
      ['C1', 'C2', 23, 23],
      ['C1', 'C3', 23, 23],
      ['C2', 'C3', 23, 23],
    ]);
  });

  it('stops when cancelled, threads included', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-nd-scan-'));
    kit = await createKit({ dbPath: path.join(dir, 'workspace.db') });
    kit.account({ account_id: 'A1' });
    // Each thread reports progress on its first content, so a few are enough.
    for (let i = 0; i < 200; i++) kit.insert('contents', { content_id: `C${i}`, account_id: 'A1', published_at: '2024-10-01 00:00:00', title: null, text: `${CHARS.join('')}${i}` });
    const cancelled = new Error('cancelled');
    await expect(
      scanNearDuplicates(kit.ws.raw, kit.ws.path, kit.filingId, {
        threads: 2,
        throwIfCancelled: () => {
          throw cancelled;
        },
      }),
    ).rejects.toBe(cancelled);
  });
});

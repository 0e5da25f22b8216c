import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chineseNumeral, formatCitations } from '@shared/domain/provisions';
import { RULES } from '@shared/domain/rules';
import { loadProvisionsLibrary } from './library';

/** Checks the catalogue and the obligations against the design documents they transcribe. */

const DESIGN_DIR = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'design');
const RULES_MD = join(DESIGN_DIR, 'rules-v1.md');
const PROVISIONS_MD = join(DESIGN_DIR, 'provisions.md');
const designPresent = existsSync(RULES_MD) && existsSync(PROVISIONS_MD);
if (!designPresent) console.warn(`跳过与设计文档的核对：找不到 ${RULES_MD} 或 ${PROVISIONS_MD}`);

interface RuleRow {
  id: string;
  titleZh: string;
  severity: string;
  cites: string;
}

/** The rows of the table under "## Rules": | id | 问题 | severity | cites | fires when |. */
function ruleRows(markdown: string): RuleRow[] {
  const section = markdown.slice(markdown.indexOf('## Rules'), markdown.indexOf('## Campaign categories'));
  return section
    .split('\n')
    .filter((line) => /^\| [a-z_]+\.[a-z_]+ \|/.test(line))
    .map((line) => {
      const [id, titleZh, severity, cites] = line.split('|').slice(1, 5).map((cell) => cell.trim());
      return { id: id!, titleZh: titleZh!, severity: severity!, cites: cites! };
    });
}

describe('catalogue against rules-v1.md', () => {
  const rows = designPresent ? ruleRows(readFileSync(RULES_MD, 'utf8')) : [];

  it.skipIf(!designPresent)('has the rules of the table, in table order', () => {
    expect(rows).toHaveLength(35);
    expect(RULES.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it.skipIf(!designPresent)('copies the 问题 column and the severities', () => {
    for (const [i, rule] of RULES.entries()) {
      expect(rule.titleZh).toBe(rows[i]?.titleZh);
      expect(rule.severity).toBe(rows[i]?.severity);
    }
  });

  it.skipIf(!designPresent)('formats each rule’s citations exactly as the cites column', () => {
    for (const [i, rule] of RULES.entries()) expect(formatCitations(rule.citations), rule.id).toBe(rows[i]?.cites);
  });
});

describe('obligations against provisions.md', () => {
  const markdown = designPresent ? readFileSync(PROVISIONS_MD, 'utf8') : '';
  const library = loadProvisionsLibrary();
  const obligations = library.traceability().map((row) => row.obligation);
  const section = (title: string) => {
    const start = markdown.indexOf(`### ${title}`);
    const end = markdown.indexOf('\n### ', start + 1);
    return markdown.slice(start, end === -1 ? undefined : end);
  };
  const idsOf = (doc: string) => obligations.filter((o) => o.citation.doc === doc).map((o) => o.id);

  it.skipIf(!designPresent)('has one obligation per GZ2021 and JSTX2014 bullet', () => {
    for (const doc of ['GZ2021', 'JSTX2014']) {
      const bullets = [...section(doc).matchAll(/^- 第([一二三四五六七八九十]+)条:/gm)].map((m) => m[1]);
      expect(idsOf(doc).map((id) => chineseNumeral(Number(id.split('/')[1])))).toEqual(bullets);
    }
  });

  it.skipIf(!designPresent)('has one obligation per numbered ZMT2023 point and QL2024 category, plus the news-account and 持证亮牌 requirements', () => {
    const numbered = (title: string) => [...section(title).matchAll(/^(\d+)\. /gm)].map((m) => `${m[1]}`);
    expect(idsOf('ZMT2023')).toEqual(numbered('ZMT2023').map((n) => `ZMT2023/${n}`));
    expect(section('QL2024')).toContain('持证亮牌');
    expect(idsOf('QL2024')).toEqual([...numbered('QL2024').map((n) => `QL2024/${n}`), 'QL2024/7', 'QL2024/8']);
    expect(['QL2024/7', 'QL2024/8'].map((id) => library.resolveCitation({ doc: 'QL2024', article: Number(id.split('/')[1]) }).articleLabel)).toEqual(['新闻类账号', '持证亮牌']);
  });
});

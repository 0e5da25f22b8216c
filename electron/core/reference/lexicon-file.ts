import fs from 'node:fs';
import path from 'node:path';
import { lexiconTermRowSchema } from '@shared/domain/reference';
import { defaultResourcesDir } from '../paths';
import type { LexiconTerm } from './lexicon-matcher';

const HEADER = 'term,category,note';

/**
 * The shipped default lexicon, resources/reference/lexicon.csv. The file is ours and written
 * by scripts/build-lexicon.ts, which guarantees no field needs CSV quoting, so a plain split
 * suffices; inspector-supplied lexicons go through the validated import instead.
 */
export function loadDefaultLexicon(resourcesDir: string = defaultResourcesDir()): LexiconTerm[] {
  const file = path.join(resourcesDir, 'reference', 'lexicon.csv');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[0] !== HEADER) throw new Error(`${file} 第 1 行：表头应为 ${HEADER}，实为 ${lines[0]}`);
  const terms: LexiconTerm[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i].split(',');
    if (fields.length !== 3) throw new Error(`${file} 第 ${i + 1} 行：应有 3 列，实有 ${fields.length} 列：${lines[i]}`);
    const [term, category, note] = fields;
    const parsed = lexiconTermRowSchema.safeParse({ term, category, note: note === '' ? undefined : note });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = String(issue.path[0] ?? 'term');
      const value = fields[['term', 'category', 'note'].indexOf(column)] ?? '';
      throw new Error(`${file} 第 ${i + 1} 行 ${column} 列，值“${value}”：${issue.message}`);
    }
    terms.push(parsed.data);
  }
  return terms;
}

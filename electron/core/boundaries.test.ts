import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);

/** The process boundaries of architecture.md, checked on the source itself (the lint rule checks them too). */
describe('process boundaries', () => {
  it('electron/core, server and cli never import electron', () => {
    const offenders = ['electron/core', 'electron/server', 'electron/cli'].flatMap(sourceFiles).filter((f) => importsOf(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('shared imports neither Node built-ins nor either side', () => {
    const offenders = sourceFiles('shared').filter((f) => importsOf(f).some((s) => s.startsWith('node:') || s === 'electron' || /(^|\/)(electron|renderer)\//.test(s)));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('the renderer never imports from electron/', () => {
    const offenders = sourceFiles('renderer/src').filter((f) => importsOf(f).some((s) => s === 'electron' || /(^|\.\.\/)electron\//.test(s) || s.startsWith('node:')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});

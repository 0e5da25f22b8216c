#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests (vitest) and end-to-end tests (Playwright in Chromium),
// in that order, stopping at the first failing step; then one closing line that counts every test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTarget, root } from './native-build.mjs';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-test-reports-'));
const vitestJson = path.join(reports, 'vitest.json');
const playwrightJson = path.join(reports, 'playwright.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const steps = [
  ['类型检查 typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['类型检查 typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['类型检查 typecheck (test)', bin('tsc'), ['-p', 'tsconfig.test.json', '--noEmit']],
  ['代码规范 lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['单元测试 unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['构建界面 build UI', bin('electron-vite'), ['build', '--logLevel', 'warn']],
  ['端到端测试 end-to-end', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
];

ensureTarget('node');
for (const [label, command, args, env] of steps) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) {
    summarize();
    console.error(`\n✗ ${label} 失败 failed`);
    process.exit(result.status ?? 1);
  }
}
summarize();

/** One line in the plain form CI reads: "N passed, N failed, N skipped". */
function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(vitestJson)) {
    const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += v.numPendingTests + v.numTodoTests;
  }
  if (fs.existsSync(playwrightJson)) {
    const p = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')).stats;
    passed += p.expected + p.flaky;
    failed += p.unexpected;
    skipped += p.skipped;
  }
  fs.rmSync(reports, { recursive: true, force: true });
  if (passed + failed + skipped > 0) console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

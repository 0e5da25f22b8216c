import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped resources/ folder. Found by walking up from this file, so it works from
 * source (tsx, vitest) and from the bundle (out/main), unless FILING_INSPECTOR_RESOURCES says otherwise.
 */
export function defaultResourcesDir(): string {
  const fromEnv = process.env.FILING_INSPECTOR_RESOURCES;
  if (fromEnv) return fromEnv;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'provisions'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('找不到 resources/ 资源目录（可用环境变量 FILING_INSPECTOR_RESOURCES 指定）');
    dir = parent;
  }
}

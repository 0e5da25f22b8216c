import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from './services';

/** A fresh workspace in a temporary folder, removed by the returned cleanup. */
export async function createTestServices(door: 'electron' | 'browser' | 'cli' = 'cli'): Promise<{ services: Services; dir: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-test-'));
  const services = await createServices({ dbPath: path.join(dir, 'workspace.db'), dataDir: path.join(dir, 'data'), door, actor: 'tester' });
  return {
    services,
    dir,
    cleanup: async () => {
      await services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import os from 'node:os';
import path from 'node:path';

export const WORKSPACE_ENV = 'FILING_INSPECTOR_WORKSPACE';
const APP_DIR_NAME = 'filing-inspector';

export interface WorkspaceLocation {
  /** The folder holding the workspace: workspace.db plus app-owned files (uploads, exports). */
  dir: string;
  dbPath: string;
  dataDir: string;
}

/**
 * Where the workspace lives: `--workspace PATH` first, then $FILING_INSPECTOR_WORKSPACE,
 * then the per-user application-data folder (the same one Electron's userData points at),
 * so the desktop app, browser mode and the CLI all open the same inspection.
 */
export function resolveWorkspaceLocation(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): WorkspaceLocation {
  const dir = path.resolve(explicit || env[WORKSPACE_ENV] || path.join(userDataRoot(env), APP_DIR_NAME));
  return { dir, dbPath: path.join(dir, 'workspace.db'), dataDir: path.join(dir, 'data') };
}

function userDataRoot(env: NodeJS.ProcessEnv): string {
  switch (process.platform) {
    case 'win32':
      return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  }
}

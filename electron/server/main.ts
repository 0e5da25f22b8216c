import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../core/services';
import { resolveWorkspaceLocation } from '../core/workspace-location';
import { startBrowserServer } from './browser-server';

/**
 * Entry of browser mode: `npm start` runs this when the Electron binary is absent or
 * `--browser` is given. Options: --workspace PATH, --port N (default: random), --renderer DIR.
 */
async function main(argv: string[]): Promise<void> {
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = option('renderer') ?? path.resolve(here, '../../out/renderer');
  const location = resolveWorkspaceLocation(option('workspace'));
  const services = await createServices({ dbPath: location.dbPath, dataDir: location.dataDir, door: 'browser' });
  const server = await startBrowserServer({ services, rendererDir, port: Number(option('port') ?? 0) });
  process.stdout.write(`工作区 Workspace: ${location.dir}\n`);
  process.stdout.write(`请在浏览器中打开 Open in your browser: ${server.url}\n`);
  const stop = async () => {
    await server.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

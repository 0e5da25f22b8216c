import { isAppError } from '@shared/errors';
import { createServices, type Services } from '../core/services';
import { resolveWorkspaceLocation } from '../core/workspace-location';
import { EXIT, type CliContext } from './command';
import { commands } from './commands';
import { createProgressPrinter } from './progress-bar';

const HELP = `备案核查工作台 命令行 / Filing Inspector CLI

用法 Usage: npm run cli -- [--workspace PATH] [--json] <command> [options]

全局选项 Global options:
  --workspace PATH   工作区文件夹（默认：用户数据目录，或环境变量 FILING_INSPECTOR_WORKSPACE）
  --json             机器可读输出（每行一个 JSON）/ machine-readable output
  --help             显示帮助 / show help

命令 Commands:
${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}

退出码 Exit codes: 0 成功 success · 1 失败 failure · 2 输入被拒或用法错误 refused input / usage`;

/** Parses global options, runs one subcommand over the same services as the UI, returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  let workspace: string | null = null;
  let json = false;
  let help = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (rest.length === 0 && arg === '--workspace') workspace = argv[++i] ?? null;
    else if (rest.length === 0 && arg.startsWith('--workspace=')) workspace = arg.slice('--workspace='.length);
    else if (arg === '--json') json = true;
    else if (rest.length === 0 && (arg === '--help' || arg === '-h')) help = true;
    else rest.push(arg);
  }
  const [name, ...commandArgs] = rest;
  if (help || !name || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return help || name === 'help' ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`未知命令：${name}（npm run cli -- --help 查看全部命令）\n`);
    return EXIT.usage;
  }
  let services: Services | null = null;
  const ctx: CliContext = {
    json,
    async services() {
      if (!services) {
        const location = resolveWorkspaceLocation(workspace);
        services = await createServices({ dbPath: location.dbPath, dataDir: location.dataDir, door: 'cli' });
      }
      return services;
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: createProgressPrinter(),
  };
  try {
    return await command.run(ctx, commandArgs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: isAppError(error) ? error.code : 'internal', message } })}\n`);
    process.stderr.write(`错误：${message}\n`);
    return isAppError(error) && (error.code === 'invalid_input' || error.code === 'invalid_argument' || error.code === 'conflict') ? EXIT.usage : EXIT.failure;
  } finally {
    await (services as Services | null)?.close();
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`错误：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failure;
  },
);

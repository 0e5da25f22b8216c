import type { JobProgress } from '@shared/events';
import type { Services } from '../core/services';

export interface CliContext {
  /** Opened on first use, so `--help` never touches the workspace. */
  services(): Promise<Services>;
  json: boolean;
  /** One line to stdout (results). */
  out(line: string): void;
  /** One line to stderr (messages, errors). */
  err(line: string): void;
  /** Draws a progress bar on stderr (nothing with --json unless stderr is a terminal). */
  progress(p: JobProgress): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 success, 1 failure, 2 refused input or bad usage. */
  run(ctx: CliContext, argv: string[]): Promise<number>;
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Small argv parser shared by commands: `--flag value`, `--flag=value`, `--switch`, positionals. */
export function parseArgs(argv: string[], spec: { flags?: string[]; switches?: string[] }) {
  const flags: Record<string, string> = {};
  const switches = new Set<string>();
  const positionals: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.switches?.includes(name)) switches.add(name);
    else if (spec.flags?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) errors.push(`选项 --${name} 需要一个值`);
      else flags[name] = value;
    } else errors.push(`未知选项：--${name}`);
  }
  return { flags, switches, positionals, errors };
}

import type { JobProgress } from '@shared/events';

const WIDTH = 28;

/** Renders job progress as one self-overwriting stderr line on a terminal, plain lines otherwise. */
export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: JobProgress) => void {
  let lastPlain = 0;
  return (p) => {
    const rate = p.rate ? ` ${formatNumber(p.rate)}/s` : '';
    const count = p.total ? `${formatNumber(p.done)}/${formatNumber(p.total)}` : formatNumber(p.done);
    if (stream.isTTY) {
      const ratio = p.total ? Math.min(1, p.done / p.total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = p.total ? `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ` : '';
      stream.write(`\r\x1b[2K${bar}${p.label} ${count}${rate}`);
      if (p.total && p.done >= p.total) stream.write('\n');
    } else if (Date.now() - lastPlain > 2000 || (p.total !== null && p.done >= p.total)) {
      lastPlain = Date.now();
      stream.write(`${p.label} ${count}${rate}\n`);
    }
  };
}

function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

import { EXIT, parseArgs, type CliCommand } from '../command';

export const filingsCommand: CliCommand = {
  name: 'filings',
  summary: '列出已导入的备案 / list imported filings',
  usage: 'filings list [--platform ID] [--json]',
  async run(ctx, argv) {
    const args = parseArgs(argv, { flags: ['platform'] });
    if (args.errors.length || args.positionals[0] !== 'list' || args.positionals.length !== 1) {
      for (const e of args.errors) ctx.err(e);
      ctx.err(`用法：${this.usage}`);
      return EXIT.usage;
    }
    const services = await ctx.services();
    const filings = await services.api.filings.list({ platformId: args.flags.platform });
    if (ctx.json) {
      ctx.out(JSON.stringify(filings));
      return EXIT.ok;
    }
    if (filings.length === 0) ctx.out('（尚未导入任何备案）');
    for (const f of filings) {
      const rows = f.tableCounts.accounts ?? 0;
      ctx.out(`#${f.id}\t${f.platform.platformId}\t${f.platform.name}\tv${f.version}\t${f.period.start}~${f.period.end}\t账号 ${rows}\t${f.isSample ? '示例数据\t' : ''}${f.importedAt}\t${f.packageSha256.slice(0, 12)}`);
    }
    return EXIT.ok;
  },
};

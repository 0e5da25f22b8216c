import { generateSamplePackage } from '../../core/sample';
import { EXIT, parseArgs, type CliCommand } from '../command';

export const sampleCommand: CliCommand = {
  name: 'sample',
  summary: '生成含预置违规与标准答案的示例备案数据包 / generate a sample package with planted violations and ground truth',
  usage: 'sample --accounts N --seed S --out FILE[.zip] [--variety] [--no-variants]',
  async run(ctx, argv) {
    const { flags, switches, errors } = parseArgs(argv, { flags: ['accounts', 'seed', 'out'], switches: ['variety', 'no-variants'] });
    const accounts = Number(flags.accounts);
    const seed = Number(flags.seed ?? 1);
    if (errors.length || !flags.out || !Number.isInteger(accounts) || accounts < 1 || !Number.isInteger(seed)) {
      ctx.err([...errors, `用法：${this.usage}`].join('\n'));
      return EXIT.usage;
    }
    const startedAt = performance.now();
    const result = await generateSamplePackage({
      accounts,
      seed,
      out: flags.out,
      variety: switches.has('variety'),
      platformVariants: !switches.has('no-variants'),
      onProgress: (p) => ctx.progress({ jobId: 'sample', kind: 'sample', phase: p.phase, label: `生成 ${p.phase}`, done: p.done, total: p.total, rate: null }),
    });
    const seconds = (performance.now() - startedAt) / 1000;
    if (ctx.json) ctx.out(JSON.stringify({ ...result, seconds }));
    else {
      ctx.out(`数据包 package: ${result.packagePath}`);
      ctx.out(`标准答案 ground truth: ${result.groundTruthPath}`);
      ctx.out(`许可证登记库 licence registry: ${result.licenseRegistryPath}`);
      for (const variant of result.variantPaths) ctx.out(`平台规则变体 platform variant: ${variant}`);
      for (const [table, rows] of Object.entries(result.counts)) ctx.out(`  ${table.padEnd(22)} ${rows.toLocaleString('en-US')}`);
      ctx.out(`用时 ${seconds.toFixed(1)} 秒`);
    }
    return EXIT.ok;
  },
};

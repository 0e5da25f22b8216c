import { EXIT, type CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: '显示工作区位置、版本与数据库结构版本 / show workspace, version and schema',
  usage: 'info [--json]',
  async run(ctx) {
    const services = await ctx.services();
    const info = await services.api.app.info(undefined);
    if (ctx.json) ctx.out(JSON.stringify(info));
    else {
      ctx.out(`${info.name} ${info.version}`);
      ctx.out(`工作区 workspace: ${info.workspacePath}`);
      ctx.out(`数据库结构 schema: ${info.schemaVersion}`);
    }
    return EXIT.ok;
  },
};

#!/usr/bin/env node
// npm run native -- status | node | electron | ensure <node|electron>
import { ensureTarget, electronInstall, loadsInNode, rebuildFor, recordedTarget } from './native-build.mjs';

const [command, arg] = process.argv.slice(2);
try {
  switch (command) {
    case 'status':
    case undefined: {
      const electron = electronInstall();
      console.log(`better-sqlite3 当前构建 current build: ${recordedTarget() ?? '未记录 unrecorded'}`);
      console.log(`在本 Node 中可加载 loads in this Node (${process.version}): ${loadsInNode() ? '是 yes' : '否 no'}`);
      console.log(`Electron: ${electron ? `${electron.version} (${electron.binary})` : '未安装二进制 binary not installed'}`);
      break;
    }
    case 'node':
    case 'electron':
      rebuildFor(command);
      break;
    case 'ensure':
      if (arg !== 'node' && arg !== 'electron') throw new Error('用法 usage: native ensure node|electron');
      ensureTarget(arg);
      break;
    default:
      throw new Error(`未知子命令 unknown: ${command}（status | node | electron | ensure <target>）`);
  }
} catch (error) {
  console.error(`[native] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { RollupOptions } from 'rollup';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const alias = { '@shared': fromRoot('./shared') };

/** zod's sources carry `@__PURE__` comments that Rollup cannot place; harmless, and not ours to fix. */
const onwarn: RollupOptions['onwarn'] = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
  warn(warning);
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
    build: { outDir: 'out/main', rollupOptions: { input: { index: fromRoot('./electron/main/index.ts') }, onwarn } },
  },
  preload: {
    // A sandboxed preload cannot require modules: bundle everything it uses into one CommonJS file.
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: fromRoot('./electron/preload/index.ts') }, onwarn, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    plugins: [react()],
    resolve: { alias },
    build: { outDir: fromRoot('./out/renderer'), rollupOptions: { input: fromRoot('./renderer/index.html'), onwarn }, chunkSizeWarningLimit: 4096 },
  },
});

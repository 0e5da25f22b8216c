import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const alias = { '@shared': fromRoot('./shared') };

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
    build: { outDir: 'out/main', rollupOptions: { input: { index: fromRoot('./electron/main/index.ts') } } },
  },
  preload: {
    // A sandboxed preload cannot require modules: bundle everything it uses into one CommonJS file.
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: fromRoot('./electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    plugins: [react()],
    resolve: { alias },
    build: { outDir: fromRoot('./out/renderer'), rollupOptions: { input: fromRoot('./renderer/index.html') }, chunkSizeWarningLimit: 4096 },
  },
});

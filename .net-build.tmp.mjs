import { build } from 'vite';
import react from '@vitejs/plugin-react';
const root = '/work/main';
await build({
  root: root + '/renderer', configFile: false, logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: { '@shared': root + '/shared' } },
  build: { outDir: process.argv[2], emptyOutDir: true, chunkSizeWarningLimit: 8192 },
});
console.log('built', process.argv[2]);

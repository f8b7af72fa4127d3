import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The benchmark page, built apart from the app and served under /bench/ by `npm run bench`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/bench/',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist-bench', import.meta.url)),
    emptyOutDir: true,
  },
  logLevel: 'warn',
});

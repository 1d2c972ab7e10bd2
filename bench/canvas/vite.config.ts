import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The two pages of the canvas benchmark, built like the app (production React) into .tmp/bench-canvas.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../.tmp/bench-canvas'),
    emptyOutDir: true,
    target: 'es2022',
    minify: process.env.BENCH_MINIFY !== '0',
    rollupOptions: {
      input: {
        editor: resolve(import.meta.dirname, 'editor.html'),
        plain: resolve(import.meta.dirname, 'plain.html'),
      },
    },
  },
});

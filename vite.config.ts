import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The editor and the inbox are two pages of one build, served by the runtime from dist/app.
// The widget has its own build (runtime/widget/vite.config.ts): no React, a size budget.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        editor: resolve(import.meta.dirname, 'editor/index.html'),
        inbox: resolve(import.meta.dirname, 'runtime/inbox/index.html'),
        // The inbox's service worker: at a fixed address (browsers update it in place), no hash.
        'inbox-sw': resolve(import.meta.dirname, 'runtime/inbox/serviceWorker.ts'),
      },
      output: { entryFileNames: (c) => (c.name === 'inbox-sw' ? 'inbox-sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});

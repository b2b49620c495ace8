/**
 * Builds the Recordings tab into dist/tab, served by the bot's server under /tab/. The bench
 * builds its bare Fluent UI floor page with this same config, so sizes compare like with like.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One bundle: the page is small, and one request is fastest inside Teams' frame.
    chunkSizeWarningLimit: 1024,
  },
});

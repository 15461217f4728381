import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// Lets a developer point the dev/preview proxy at a server on another port without editing this file.
const apiTarget = process.env.YINGSHANG_API_TARGET ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  // Resolved against this file (= `root: 'web'` from the repo root) so the build works from any cwd.
  root: resolve(here, 'web'),
  plugins: [react()],
  build: {
    // WEB_DIST_DIR lets parallel checkouts/journeys build into their own folder (the server reads the same variable).
    outDir: process.env.WEB_DIST_DIR ? resolve(process.env.WEB_DIST_DIR) : resolve(here, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy },
  preview: { proxy },
});

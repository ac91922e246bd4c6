import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard builds to web/dist: index.html and hashed files under assets/, served by `lifeboat
 * serve` at `/`. Relative asset URLs keep it working behind a path prefix too. `npm run dev` proxies
 * the API to a local server (LIFEBOAT_API, default http://127.0.0.1:7480).
 */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const api = env.LIFEBOAT_API ?? 'http://127.0.0.1:7480';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    proxy: Object.fromEntries(['/v1', '/healthz', '/openapi.json', '/metrics'].map((p) => [p, { target: api }])),
  },
});

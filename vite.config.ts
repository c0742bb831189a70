import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressPlugin } from './scripts/precompress.js';

const API_TARGET = process.env.THORBECKE_API_URL ?? 'http://localhost:8080';

/** The web app: sources in web/, built into web-dist/ which the platform serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  publicDir: false,
  plugins: [precompressPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./web-dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { port: 5173, strictPort: true, proxy: { '/api': API_TARGET } },
  preview: { port: 4173, proxy: { '/api': API_TARGET } },
});

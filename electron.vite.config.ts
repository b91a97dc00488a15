import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const version = { __PORTER_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define: version,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The core runs in an Electron utility process; imports run in a worker thread inside it.
          coreHost: resolve('electron/core-host/index.ts'),
          importWorker: resolve('electron/core/catalog/importWorker.ts'),
          parseWorker: resolve('electron/core/catalog/parseWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be a single CommonJS file.
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [
      react(),
      {
        // In development the shell's CSP header (relaxed for the refresh preamble) governs; the built page keeps its meta CSP.
        name: 'porter-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
      },
    ],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});

// Bundles the Node-side entry points (browser shell, command line, import worker, bench)
// into out/node with esbuild. Dependencies stay in node_modules: better-sqlite3 is native, and pdfkit
// reads its own data files relative to its package at run time (electron-vite externalizes them too).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: {
    serve: 'electron/browser-shell/serve.ts',
    cli: 'electron/cli/main.ts',
    importWorker: 'electron/core/catalog/importWorker.ts',
    parseWorker: 'electron/core/catalog/parseWorker.ts',
    bench: 'bench/bench.ts',
    benchImportChild: 'bench/importChild.ts',
    // Killed over and over by the crash soak (tests/integration/crashSoak.test.ts).
    crashWriter: 'tests/builders/crashWriter.ts',
  },
  outdir: 'out/node',
  bundle: true,
  // Code loaded only by some paths (XLSX, CommerceML) stays in chunks of its own, loaded when needed: the
  // import's worker threads start faster without it.
  splitting: true,
  // Beside the entries, so paths taken from import.meta.url stay right in whichever file the code lands.
  chunkNames: '[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  define: { __PORTER_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

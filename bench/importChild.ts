// The importing process of `npm run bench` (out/node/benchImportChild.js): only the core, as the app
// loads it, so the peak memory measured is the import's and not the bench's own tooling (a browser
// driver, generators).
import { childImport } from './importBench';

const [dataDir, ...files] = process.argv.slice(2);
if (!dataDir || files.length === 0) throw new Error('usage: benchImportChild.js <dataDir> <file>...');
await childImport(dataDir, files);
process.exit(0);

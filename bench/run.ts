// Runs every bench/*.bench.ts (or those whose name contains an argument) and prints one table each.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { printTable, type BenchFile } from './lib';
import os from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

console.log(`Perf Workbook benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}`);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchFile };
  console.log(`\n## ${file}`);
  printTable(await mod.default());
}

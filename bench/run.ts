// Runs every bench/*.bench.ts (or those whose name contains an argument), prints one
// table per suite, and writes all results as JSON (schema: bench/results.ts).
//
//   npm run bench                      full run → bench/results/latest.json (the benchmark page reads it)
//   npm run bench -- executor          only files whose name contains "executor" → bench/results/partial.json
//   npm run bench -- --quick           small workloads, 3 rounds (for tests) → bench/results/partial.json
//   npm run bench -- --out FILE        write the JSON to FILE instead
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printSuite, settings, type BenchFile } from './lib';
import { benchResultsSchema, type BenchResults, type SuiteResult } from './results';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if (outIndex >= 0 && !args[outIndex + 1]) throw new Error('--out needs a file name');
const outArg = outIndex >= 0 ? args.splice(outIndex, 2)[1] : undefined;
settings.quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--quick');
if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (known: --quick, --out FILE)`);

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) throw new Error(`no bench/*.bench.ts matches ${filters.join(', ')}`);

// Only a full run replaces the published results; partial and quick runs go elsewhere.
const full = filters.length === 0 && !settings.quick;
const out = resolve(outArg ?? join(dir, 'results', full ? 'latest.json' : 'partial.json'));

const started = new Date();
const cpus = os.cpus();
const loadAverageStart = os.loadavg();
console.log(
  `Perf Workbook benchmarks — ${started.toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${cpus.length}× ${cpus[0]?.model ?? 'cpu'}, load average ${loadAverageStart.map((x) => x.toFixed(2)).join(' ')}` +
    (settings.quick ? ' (quick: not numbers to publish)' : ''),
);

const suites: SuiteResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchFile };
  console.log(`\n## ${file}`);
  for (const suite of await mod.default()) {
    printSuite(suite);
    suites.push(suite);
  }
}

const results: BenchResults = benchResultsSchema.parse({
  schemaVersion: 1,
  date: started.toISOString(),
  quick: settings.quick,
  filters,
  machine: {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    loadAverageStart,
    loadAverageEnd: os.loadavg(),
  },
  durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
  suites,
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${out} (${results.durationSeconds} s; load average at the end ${results.machine.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')})`);

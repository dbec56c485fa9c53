// Runs every bench/*.bench.ts (or those whose name contains an argument), prints one
// table per suite, and writes all results as JSON (schema: bench/results.ts).
// Each file runs in a Node process of its own: one file's heap, timers and JIT state
// once slowed lru-cache 40× in a later file of the same process.
//
//   npm run bench                      full run → bench/results/latest.json (the benchmark page reads it)
//   npm run bench -- executor          only files whose name contains "executor" → bench/results/partial.json
//   npm run bench -- --quick           small workloads, 3 rounds (for tests) → bench/results/partial.json
//   npm run bench -- --out FILE        write the JSON to FILE instead
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printSuite, settings, type BenchFile } from './lib';
import { benchResultsSchema, suiteResultSchema, type BenchResults, type SuiteResult } from './results';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);

// Internal: `--file NAME --suites-out FILE [--quick]` runs one bench file here and writes its suites.
const fileIndex = args.indexOf('--file');
if (fileIndex >= 0) {
  settings.quick = args.includes('--quick');
  const file = args[fileIndex + 1];
  const suitesOut = args[args.indexOf('--suites-out') + 1];
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchFile };
  const suites = await mod.default();
  for (const suite of suites) printSuite(suite);
  writeFileSync(suitesOut, JSON.stringify(suites));
  process.exit(0); // a library may leave a timer or a socket behind: this file is done
}
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
const tmp = mkdtempSync(join(os.tmpdir(), 'bench-'));
try {
  for (const file of files) {
    console.log(`\n## ${file}`);
    const suitesOut = join(tmp, `${file}.json`);
    const child = spawnSync(
      process.execPath,
      [join(dir, '../bin/run-ts.mjs'), fileURLToPath(import.meta.url), '--file', file, '--suites-out', suitesOut, ...(settings.quick ? ['--quick'] : [])],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error(`bench/${file} failed (exit ${child.status ?? child.signal})`);
    suites.push(...suiteResultSchema.array().parse(JSON.parse(readFileSync(suitesOut, 'utf8'))));
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
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

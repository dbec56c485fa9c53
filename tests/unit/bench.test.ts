// `npm run bench` end to end on one small workload: it runs, prints its table, and
// writes JSON that the benchmark page can read (the schema in bench/results.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchResultsSchema, verdictOf } from '../../bench/results';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bench = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/run.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });

describe('npm run bench', () => {
  it('runs one lab in quick mode and writes results that match the schema', () => {
    const out = join(tmp, 'results.json');
    const run = bench('--quick', '--out', out, 'alert-engine');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Alert rule evaluation');
    expect(run.stdout).toContain(`wrote ${out}`);

    const results = benchResultsSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(results.quick).toBe(true);
    expect(results.filters).toEqual(['alert-engine']);
    expect(results.machine.node).toBe(process.version);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.suites.map((s) => s.id)).toEqual(['alert-engine/evaluate']);

    const [suite] = results.suites;
    expect(suite.variants.map((v) => v.role)).toEqual(['reference', 'library', 'baseline']);
    const [reference, library] = suite.variants;
    expect(reference.ratio).toBe(1);
    expect(reference.rounds).toHaveLength(3); // quick mode: three rounds
    // The ratio, throughput and verdict all say the same thing about the same medians.
    expect(library.ratio).toBeCloseTo(library.nsPerOp / reference.nsPerOp, 9);
    expect(library.opsPerSec).toBeCloseTo(1e9 / library.nsPerOp, 6);
    expect(suite.bestLibrary).toBe(library.name);
    expect(suite.ratioVsBest).toBe(library.ratio);
    expect(suite.verdict).toBe(verdictOf(library.ratio));
  });

  it('refuses an unknown option or a filter that matches nothing, with a clear message', () => {
    const unknownOption = bench('--quik');
    expect(unknownOption.status).not.toBe(0);
    expect(unknownOption.stderr).toContain('unknown option --quik');

    const noMatch = bench('--quick', 'no-such-lab');
    expect(noMatch.status).not.toBe(0);
    expect(noMatch.stderr).toContain('no bench/*.bench.ts matches no-such-lab');
  });
});

// How long a class takes to grade: `node bin/run-ts.mjs scripts/measure-batch.ts [--students 30] [--jobs 1,2] [--labs a,b,…]`.
// Writes a class where every student hands in five labs, each one of: the reference solution,
// the scaffold, or one of the lab's known-bad implementations (tests/fixtures/buggy), in a
// fixed rotation, so the mix is the same on every run. `--mix thirds` (the default) hands in
// each kind for a third of the labs, a different known-bad one each time; `--mix known-bad`
// rotates through every known-bad implementation and the two others (almost all known-bad:
// the worst case, since measuring a slow implementation is what costs). Then grades it with `grade-batch` at
// each --jobs value and prints wall time, CPU time and the machine's load, to compare with
// the numbers in docs/grading-at-scale.md.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalog } from '../src/catalog/lab-catalog';
import { loadBuggyFixtures, materializeFixture } from '../src/node/fixtures';
import { REPO_ROOT } from '../src/catalog/paths';

const DEFAULT_LABS = ['lru-cache', 'two-level-cache', 'connection-pool', 'metrics-collector', 'alert-engine'];
const { values } = parseArgs({ options: { students: { type: 'string', default: '30' }, jobs: { type: 'string', default: '1,2' }, labs: { type: 'string', default: DEFAULT_LABS.join(',') }, keep: { type: 'boolean', default: false }, mix: { type: 'string', default: 'thirds' } } });
if (values.mix !== 'thirds' && values.mix !== 'known-bad') throw new Error('--mix must be thirds or known-bad');

type Kind = 'reference' | 'scaffold' | 'known-bad';
/** What each student handed in for each lab: `${student}/${lab}` → kind. */
const handedIn = new Map<string, Kind>();

/** Writes the class; returns how many labs of each kind were handed in. */
function writeClass(dir: string, students: number, slugs: string[]): Record<Kind, number> {
  const labs = catalog.select(slugs);
  const fixtures = loadBuggyFixtures();
  const mix: Record<Kind, number> = { reference: 0, scaffold: 0, 'known-bad': 0 };
  for (let s = 0; s < students; s++) {
    const name = `student-${String(s + 1).padStart(3, '0')}`;
    labs.forEach((lab, l) => {
      const bugs = fixtures.filter((f) => f.lab === lab.slug);
      // thirds: reference, scaffold, known-bad in turn, the known-bad ones taken in order.
      const pick = values.mix === 'thirds'
        ? ((s + 2 * l) % 3 < 2 ? (s + 2 * l) % 3 : 2 + (Math.floor((s + 2 * l) / 3) % bugs.length))
        : (s + 2 * l) % (2 + bugs.length);
      const target = join(dir, name, lab.slug);
      const kind: Kind = pick === 0 ? 'reference' : pick === 1 ? 'scaffold' : 'known-bad';
      if (kind === 'reference') cpSync(join(catalog.dirs.solutions, lab.slug), target, { recursive: true });
      else if (kind === 'scaffold') cpSync(join(catalog.dirs.labs, lab.slug), target, { recursive: true });
      else {
        const root = materializeFixture(bugs[pick - 2].dir);
        cpSync(join(root, lab.slug), target, { recursive: true });
        rmSync(root, { recursive: true, force: true });
      }
      mix[kind]++;
      handedIn.set(`${name}/${lab.slug}`, kind);
    });
  }
  return mix;
}

const students = Number(values.students);
const slugs = values.labs.split(',');
const input = mkdtempSync(join(tmpdir(), 'measure-class-'));
mkdirSync(input, { recursive: true });
const mix = writeClass(input, students, slugs);
console.log(`class (--mix ${values.mix}): ${students} students × ${slugs.length} labs (${slugs.join(', ')}); handed in: ${Object.entries(mix).map(([k, n]) => `${n} ${k}`).join(', ')}`);
console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`);

for (const jobs of values.jobs.split(',').map(Number)) {
  const out = mkdtempSync(join(tmpdir(), 'measure-out-'));
  const before = loadavg()[0];
  // /usr/bin/time counts the CPU of every grading process too (they are waited-for children).
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, join(REPO_ROOT, 'bin/workbook.mjs'), 'grade-batch', input, '--out', out, '--labs', slugs.join(','), '--jobs', String(jobs)], { encoding: 'utf8' });
  const [wall, user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  console.log(`--jobs ${jobs}: ${wall.toFixed(0)} s wall, ${(user + sys).toFixed(0)} CPU-s (user ${user.toFixed(0)}, sys ${sys.toFixed(0)}); load average ${before.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
  if (run.status !== 0) console.log(run.stderr);
  // Where the time went: each lab's grading time (wall, from its report), by what was handed in.
  const perKind = new Map<string, number[]>();
  const record = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')) as { students: Array<{ student: string }> };
  for (const { student } of record.students) {
    const summary = JSON.parse(readFileSync(join(out, student, 'instructor-report.json'), 'utf8')) as { labs: Array<{ lab: string; duration_ms: number }> };
    for (const r of summary.labs) {
      const key = `${r.lab} ${handedIn.get(`${student}/${r.lab}`)}`;
      perKind.set(key, [...(perKind.get(key) ?? []), r.duration_ms / 1000]);
    }
  }
  for (const [key, secs] of [...perKind].sort()) {
    console.log(`    ${key.padEnd(32)} ${secs.length} × mean ${(secs.reduce((a, b) => a + b, 0) / secs.length).toFixed(1)} s, max ${Math.max(...secs).toFixed(1)} s`);
  }
  if (!values.keep) rmSync(out, { recursive: true, force: true });
  else console.log(`  output kept in ${out}`);
}
if (!values.keep) rmSync(input, { recursive: true, force: true });

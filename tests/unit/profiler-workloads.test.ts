// Every lab's workload (lab.json "workload") run the way the page's profile worker runs
// it (src/profiler/run-profile.ts: pre-checks, instrumented loading, the recorder),
// here in Node: it profiles the reference, a scaffold ends in a clear outcome instead of
// a crash, and an O(n) LRU shows its scan as the hot spot where the reference does not.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabCatalog, catalog } from '../../src/catalog/lab-catalog';
import { materializeFixture, BUGGY_DIR } from '../../src/node/fixtures';
import { functionTable, hotSpot } from '../../src/profiler/profile';
import { profileSide, type SideOutcome } from '../../src/profiler/run-profile';
import type { Lab } from '../../src/core/lab';
import { ManualClock, runOnClock } from '../../src/profiler/workload-kit';

/** What the page sends the worker for one side: grader helpers and the workload, and an implementation. */
function sideInput(lab: Lab, implRoot: string) {
  const sets = catalog.graderFiles(lab.slug);
  const graders = Object.fromEntries(sets.browserHelpers.map((rel) => [rel, readFileSync(join(catalog.dirs.graders, lab.slug, rel), 'utf8')]));
  return { lab, files: catalog.implementationFiles(lab, implRoot), graders, workload: lab.workload!.file, hook: '__wbpWorkloadTest' };
}

/** An implementation folder holding the lab's reference with one edit, and the edited text. */
function editedSolution(lab: Lab, file: string, edit: (code: string) => string) {
  const root = mkdtempSync(join(tmpdir(), 'profile-edited-'));
  mkdirSync(join(root, lab.slug));
  const code = edit(readFileSync(join(catalog.dirs.solutions, lab.slug, file), 'utf8'));
  writeFileSync(join(root, lab.slug, file), code);
  return { root, code };
}

function profiled(outcome: SideOutcome) {
  if (!outcome.ok) throw new Error(`no profile: ${JSON.stringify(outcome)}`);
  return outcome.profile;
}

describe('lab workloads under the instrumenting profiler', () => {
  // A lab where the learner writes the tests (its files are specs, as in lru-cache-tests) has
  // nothing of the learner's to profile; every lab where the learner writes the code does.
  const writesTests = (lab: Lab) => lab.files.every((f) => f.endsWith('.spec.ts'));
  const labs = catalog.labs().filter((lab) => !writesTests(lab));

  it('every lab where the learner writes code names a workload, and it is not shipped as a grader', () => {
    expect(labs.length).toBeGreaterThan(0);
    for (const lab of labs) {
      expect(lab.workload, lab.slug).toBeDefined();
      expect(Object.keys(catalog.bundle(lab).graders), lab.slug).not.toContain(lab.workload!.file);
    }
  });

  for (const lab of labs) {
    it(`${lab.slug}: profiles the reference; the scaffold ends with an outcome, not a crash`, async () => {
      const profile = profiled(await profileSide(sideInput(lab, catalog.dirs.solutions)));
      const rows = functionTable(profile);
      const labRows = rows.filter((r) => profile.frames[r.frame].kind === 'lab');
      expect(labRows.length, 'functions of the lab were called').toBeGreaterThan(0);
      expect(labRows.every((r) => (r.calls ?? 0) > 0 && profile.frames[r.frame].file && profile.frames[r.frame].line)).toBe(true);
      expect(profile.root.total).toBeCloseTo(profile.wallMs, 0);

      const scaffold = await profileSide(sideInput(lab, catalog.dirs.labs));
      expect(scaffold.ok).toBe(false);
    });
  }

  it('an O(n) LRU shows its scan (indexOf or splice, called from touch) as the hot spot; the reference does not', async () => {
    const lab = catalog.find('lru-cache')!;
    const linear = profiled(await profileSide(sideInput(lab, materializeFixture(join(BUGGY_DIR, 'lru-cache--linear-list')))));
    const hot = hotSpot(linear)!;
    // indexOf finds the key, splice shifts everything after it: both O(n), and either may lead.
    expect(linear.frames[hot.frame]).toMatchObject({ kind: 'builtin', context: 'LRUCache.touch' });
    expect(['Array#indexOf', 'Array#splice']).toContain(linear.frames[hot.frame].name);
    const scans = functionTable(linear).filter((r) => ['Array#indexOf', 'Array#splice'].includes(linear.frames[r.frame].name));
    expect(scans.reduce((sum, r) => sum + r.self, 0) / linear.root.total).toBeGreaterThan(0.4);

    const reference = profiled(await profileSide(sideInput(lab, catalog.dirs.solutions)));
    expect(reference.frames[hotSpot(reference)!.frame].kind).not.toBe('builtin');
    expect(reference.frames.some((f) => f.name === 'Array#indexOf')).toBe(false);
  });

  it('a workload that throws is reported with the learner\'s line', async () => {
    const lab = catalog.find('lru-cache')!;
    const { root, code } = editedSolution(lab, 'lru-cache.ts', (c) =>
      c.replace('  get(key: K): V | undefined {\n', '  get(key: K): V | undefined {\n    if (this.hits > 100) throw new Error("boom");\n'));
    const outcome = await profileSide(sideInput(lab, root));
    const line = code.split('\n').findIndex((l) => l.includes('"boom"')) + 1;
    expect(outcome).toEqual({ ok: false, threw: { message: 'boom', location: { file: 'lru-cache.ts', line, column: expect.any(Number) } } });
  });

  it('code the instrumenting parser cannot read (a decorator) is named with its line, not a crash', async () => {
    const lab = catalog.find('lru-cache')!;
    const { root, code } = editedSolution(lab, 'lru-cache.ts', (c) =>
      c.replace('export class LRUCache', 'const sealed = (c: unknown) => c;\n@sealed\nexport class LRUCache'));
    const outcome = await profileSide(sideInput(lab, root));
    const line = code.split('\n').indexOf('@sealed') + 1;
    expect(outcome).toMatchObject({ ok: false, reason: { kind: 'syntax', file: 'lru-cache.ts', line, detail: expect.stringContaining('the profiler cannot instrument this') } });
  });

  it('workbook check reports a workload lab.json names but graders/ lacks', () => {
    const root = mkdtempSync(join(tmpdir(), 'profile-layout-'));
    for (const dir of ['labs/demo', 'solutions/demo', 'graders/demo']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'labs/demo/lab.json'), JSON.stringify({
      slug: 'demo', order: 1, section: '3.1', chapter: '3-1-profiling', title: { zh: '演示', en: 'Demo' }, summary: { zh: '演示', en: 'Demo' },
      files: ['demo.ts'], workload: { file: 'workload.ts', title: { zh: '负载', en: 'Load' } },
      tasks: [{ id: 'basics', points: 1, title: { zh: '基础', en: 'Basics' } }],
    }));
    const demo = new LabCatalog(root);
    expect(demo.layoutProblems(demo.find('demo')!)).toContain('graders/demo/workload.ts is missing (lab.json "workload" names it)');
  });
});

describe('the workload kit', () => {
  it('fires timers in time order (ties in the order they were set), skips cleared ones, and moves time to each', () => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    const cleared = clock.setTimeout(() => fired.push('never'), 5);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => { fired.push(`c@${clock.now()}`); clock.setTimeout(() => fired.push(`d@${clock.now()}`), 0); }, 20);
    clock.clearTimeout(cleared);
    expect(clock.pending).toBe(3);
    clock.advance(15);
    expect(fired).toEqual(['a@110']);
    expect(clock.now()).toBe(115);
    while (clock.fireNext());
    expect(fired).toEqual(['a@110', 'b@120', 'c@120', 'd@120']);
    expect(clock.pending).toBe(0);
  });

  it('drives async work through its timers, and says so when nothing can ever finish it', async () => {
    const clock = new ManualClock();
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const work = (async () => { await sleep(1_000); await Promise.all([sleep(50), sleep(5)]); return clock.now(); })();
    expect(await runOnClock(clock, work)).toBe(1_050);
    await expect(runOnClock(clock, new Promise(() => {}))).rejects.toThrow('no timer will bring');
  });
});

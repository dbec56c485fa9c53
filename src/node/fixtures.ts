// Known-bad implementations (tests/fixtures/buggy/<name>/) prove that graders catch real
// bugs. Each is stored as the bug alone: `bug.patch`, a unified diff against
// solutions/<lab>/, plus `expect.json` naming the tasks it must fail. Grading applies the
// patch to a fresh copy of the solution, so a fixture never drifts from the code it breaks.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../catalog/paths';
import { catalog } from '../catalog/lab-catalog';

export const BUGGY_DIR = join(REPO_ROOT, 'tests/fixtures/buggy');

export interface BuggyFixture { name: string; dir: string; lab: string; mustFail: string[] }

export const isFixture = (dir: string) => existsSync(join(dir, 'bug.patch')) && existsSync(join(dir, 'expect.json'));

export function loadBuggyFixtures(): BuggyFixture[] {
  if (!existsSync(BUGGY_DIR)) return [];
  return readdirSync(BUGGY_DIR).filter((name) => isFixture(join(BUGGY_DIR, name))).sort().map((name) => {
    const spec = JSON.parse(readFileSync(join(BUGGY_DIR, name, 'expect.json'), 'utf8')) as { lab: string; mustFail: string[] };
    return { name, dir: join(BUGGY_DIR, name), ...spec };
  });
}

/** A fresh implementation folder (laid out like labs/) holding the solution with the fixture's bug applied. */
export function materializeFixture(dir: string): string {
  const { lab } = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as { lab: string };
  const root = mkdtempSync(join(tmpdir(), 'workbook-fixture-'));
  cpSync(join(catalog.dirs.solutions, lab), join(root, lab), { recursive: true });
  const apply = spawnSync('git', ['apply', '-p1', `--directory=${lab}`, join(dir, 'bug.patch')], { cwd: root, encoding: 'utf8' });
  if (apply.status !== 0) throw new Error(`${dir}/bug.patch no longer applies to solutions/${lab}: ${apply.stderr.trim()}`);
  return root;
}

// Known-bad implementations (tests/fixtures/buggy/<name>/) prove that graders catch real
// bugs. Each is stored as the bug alone: `bug.patch`, a unified diff against
// solutions/<lab>/, plus `expect.json` naming the tasks it must fail. Grading applies the
// patch to a fresh copy of the solution, so a fixture never drifts from the code it breaks.
//
// Alternative designs (tests/fixtures/alternative/<name>/) prove that graders are fair: a
// correct implementation built differently (closures instead of classes, other data
// structures) must earn full marks. Each holds `alternative.json` ({ lab, about }) and either
// the lab files it replaces (the other files come from the solution) or, for a design that
// differs in one part only, `design.patch` against the solution.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../catalog/paths';
import { catalog } from '../catalog/lab-catalog';

export const BUGGY_DIR = join(REPO_ROOT, 'tests/fixtures/buggy');
export const ALTERNATIVE_DIR = join(REPO_ROOT, 'tests/fixtures/alternative');

export interface BuggyFixture { name: string; dir: string; lab: string; mustFail: string[] }

export interface AlternativeFixture { name: string; dir: string; lab: string; about: string }

const isBuggy = (dir: string) => existsSync(join(dir, 'bug.patch')) && existsSync(join(dir, 'expect.json'));
const isAlternative = (dir: string) => existsSync(join(dir, 'alternative.json'));
/** A folder that `materializeFixture` turns into an implementation: a known bug or an alternative design. */
export const isFixture = (dir: string) => isBuggy(dir) || isAlternative(dir);

export function loadBuggyFixtures(): BuggyFixture[] {
  if (!existsSync(BUGGY_DIR)) return [];
  return readdirSync(BUGGY_DIR).filter((name) => isFixture(join(BUGGY_DIR, name))).sort().map((name) => {
    const spec = JSON.parse(readFileSync(join(BUGGY_DIR, name, 'expect.json'), 'utf8')) as { lab: string; mustFail: string[] };
    return { name, dir: join(BUGGY_DIR, name), ...spec };
  });
}

export function loadAlternativeFixtures(): AlternativeFixture[] {
  if (!existsSync(ALTERNATIVE_DIR)) return [];
  return readdirSync(ALTERNATIVE_DIR).filter((name) => isAlternative(join(ALTERNATIVE_DIR, name))).sort().map((name) => {
    const spec = JSON.parse(readFileSync(join(ALTERNATIVE_DIR, name, 'alternative.json'), 'utf8')) as { lab: string; about: string };
    return { name, dir: join(ALTERNATIVE_DIR, name), ...spec };
  });
}

/**
 * A file that only re-exports a file kept elsewhere in the repo, so that tsc resolves a sibling
 * import inside tests/fixtures (a given file, or a solution file the design keeps). It is not part
 * of the design: grading uses the real file, which the shim's repo-relative path would not reach.
 */
function isTypeCheckShim(file: string): boolean {
  return /^(?:\/\/[^\n]*\n)*export \* from '[^']+';\s*$/.test(readFileSync(file, 'utf8'));
}

/**
 * A fresh implementation folder (laid out like labs/) holding the solution with the fixture
 * applied: a known bug's patch, or an alternative design's files in place of the solution's.
 */
export function materializeFixture(dir: string): string {
  const alternative = isAlternative(dir);
  const { lab } = JSON.parse(readFileSync(join(dir, alternative ? 'alternative.json' : 'expect.json'), 'utf8')) as { lab: string };
  const root = mkdtempSync(join(tmpdir(), 'workbook-fixture-'));
  cpSync(join(catalog.dirs.solutions, lab), join(root, lab), { recursive: true });
  if (alternative) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !isTypeCheckShim(join(dir, f)))) cpSync(join(dir, file), join(root, lab, file));
  }
  const patch = alternative ? 'design.patch' : 'bug.patch';
  if (!existsSync(join(dir, patch))) return root;
  const apply = spawnSync('git', ['apply', '-p1', `--directory=${lab}`, join(dir, patch)], { cwd: root, encoding: 'utf8' });
  if (apply.status !== 0) throw new Error(`${dir}/${patch} no longer applies to solutions/${lab}: ${apply.stderr.trim()}`);
  return root;
}

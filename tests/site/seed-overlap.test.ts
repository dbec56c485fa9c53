// The course carries the source chapter's facts and structure, never its
// sentences: the shared checker must find no long runs of the source's wording.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED } from './markdown';

const TOOL = join(SHARED, 'tools/seed-overlap.mjs');
const DIRS = ['content', 'labs', 'solutions', 'graders'];
const missing = !existsSync(TOOL);
// shared/ sits beside the clone in CI; a run that could not check the wording must not pass there.
if (missing && process.env.CI) throw new Error(`${TOOL} not found: CI must check the chapters for the source's wording`);
if (missing) console.warn(`skipping seed-overlap test: ${TOOL} not found`);

describe.skipIf(missing)('source wording', () => {
  it(`no run of the source's sentences in ${DIRS.join(', ')}`, () => {
    // The tool exits 2 on a folder that does not exist; pass only those that do.
    const dirs = DIRS.filter((d) => existsSync(join(ROOT, d)));
    const run = spawnSync(process.execPath, [TOOL, ...dirs], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });
});

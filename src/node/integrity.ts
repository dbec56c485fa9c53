// A batch grades each student with a private copy of the grading code, never the working tree,
// and checks that copy afterwards: a submission that changed it is caught.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './grader-config';

const GUARDED = ['graders', 'src', 'bin', 'labs', 'solutions', 'package.json', 'vitest.config.ts', 'vitest.graders.config.ts'];

/** Copies what grading needs into `dir` (dependencies linked, not copied); returns `dir`. */
export function copyGradingCode(dir = mkdtempSync(join(tmpdir(), 'workbook-grader-'))): string {
  for (const path of GUARDED) if (existsSync(join(REPO_ROOT, path))) cpSync(join(REPO_ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

export class RepoSnapshot {
  private readonly contents = new Map<string, Buffer>();
  private readonly hashes = new Map<string, string>();

  constructor(private readonly root: string) {
    for (const file of GUARDED.flatMap((p) => files(join(root, p)))) {
      const data = readFileSync(file);
      this.contents.set(file, data);
      this.hashes.set(file, hash(data));
    }
  }

  /** Files added, changed or removed since the snapshot; each is restored. Returns their repo paths. */
  restore(): string[] {
    const changed: string[] = [];
    const now = new Set(GUARDED.flatMap((p) => files(join(this.root, p))));
    for (const file of now) {
      if (!this.hashes.has(file)) { rmSync(file, { force: true }); changed.push(relative(this.root, file)); }
    }
    for (const [file, data] of this.contents) {
      if (!now.has(file) || hash(readFileSync(file)) !== this.hashes.get(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, data);
        changed.push(relative(this.root, file));
      }
    }
    return changed;
  }
}

const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');

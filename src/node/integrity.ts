// Remembers the grading code before a batch and puts it back if a submission
// managed to change it, so one hostile student cannot rewrite the graders for the next.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './grader-config';

const GUARDED = ['graders', 'src', 'bin', 'labs', 'solutions', 'package.json', 'vitest.config.ts', 'vitest.graders.config.ts'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

export class RepoSnapshot {
  private readonly contents = new Map<string, Buffer>();
  private readonly hashes = new Map<string, string>();

  constructor(private readonly root = REPO_ROOT) {
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

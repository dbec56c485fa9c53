// A batch grades each student with a private copy of the grading code, never the working tree,
// and checks that copy afterwards: a submission that changed it is caught.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../catalog/paths';

const GUARDED = ['graders', 'src', 'bin', 'labs', 'solutions', 'package.json', 'vitest.config.ts', 'vitest.graders.config.ts'];

/** Copies what grading needs into `dir` (dependencies linked, not copied); returns `dir`. */
export function copyGradingCode(dir: string): string {
  for (const path of GUARDED) if (existsSync(join(REPO_ROOT, path))) cpSync(join(REPO_ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).map((rel) => join(path, rel)).filter((p) => !statSync(p).isDirectory());
}

/** The grading code's files and their hashes when it was taken, to tell afterwards what changed. */
export class RepoSnapshot {
  private readonly hashes = new Map<string, string>();

  constructor(private readonly root: string) {
    for (const file of GUARDED.flatMap((p) => files(join(root, p)))) this.hashes.set(file, hash(readFileSync(file)));
  }

  /** Paths (relative to the root) added, changed or removed since the snapshot. */
  changes(): string[] {
    const now = GUARDED.flatMap((p) => files(join(this.root, p)));
    const added = now.filter((file) => !this.hashes.has(file));
    const present = new Set(now);
    const altered = [...this.hashes].filter(([file, h]) => !present.has(file) || hash(readFileSync(file)) !== h).map(([file]) => file);
    return [...added, ...altered].map((file) => relative(this.root, file));
  }
}

const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');

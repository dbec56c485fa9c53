// Finds labs and their files on disk. The browser gets the same facts from the build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { graderFile, parseLab, type Lab } from '../core/lab';
import { REPO_ROOT } from './grader-config';

export const LABS_DIR = join(REPO_ROOT, 'labs');
export const SOLUTIONS_DIR = join(REPO_ROOT, 'solutions');
export const GRADERS_DIR = join(REPO_ROOT, 'graders');

/** Every lab.json under labs/, validated, in course order. A malformed one throws LabFormatError. */
export function loadLabs(): Lab[] {
  if (!existsSync(LABS_DIR)) return [];
  return readdirSync(LABS_DIR)
    .filter((slug) => existsSync(join(LABS_DIR, slug, 'lab.json')))
    .map((slug) => {
      const file = join(LABS_DIR, slug, 'lab.json');
      return parseLab(relative(REPO_ROOT, file), readFileSync(file, 'utf8'), slug);
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

export class UnknownLabError extends Error {}

/** Picks labs by slug; an unknown slug is an error that lists the known ones. */
export function selectLabs(all: Lab[], slugs: string[]): Lab[] {
  if (slugs.length === 0) return all;
  return slugs.map((slug) => {
    const lab = all.find((l) => l.slug === slug);
    if (!lab) throw new UnknownLabError(`unknown lab "${slug}"; known labs: ${all.map((l) => l.slug).join(', ')}`);
    return lab;
  });
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The grader files of a lab, absolute paths; hidden ones only when asked for. */
export function graderFiles(slug: string, { hidden = true } = {}): string[] {
  return walk(join(GRADERS_DIR, slug))
    .filter((p) => graderFile.isGrader(p))
    .filter((p) => hidden || !graderFile.isHidden(relative(GRADERS_DIR, p)))
    .sort();
}

/** The lab files missing from an implementation folder, as paths relative to it. */
export function missingFiles(lab: Lab, implRoot: string): string[] {
  return lab.files.map((f) => join(lab.slug, f)).filter((f) => !existsSync(join(implRoot, f)));
}

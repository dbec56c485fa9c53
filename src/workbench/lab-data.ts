// Build-time facts for the lab pages (runs in Astro's server build, never in the
// browser): which labs have pages, their scaffold and the graders a browser may see.
// Hidden graders (graders/<slug>/hidden/**) and Node-only graders never leave here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { graderFile, parseLab, type Lab, type Locale } from '../core/lab';
import type { LabBundle } from '../runtimes/types';

const ROOT = process.cwd();
const LABS = join(ROOT, 'labs');
const GRADERS = join(ROOT, 'graders');
const SOLUTIONS = join(ROOT, 'solutions');

/** Every lab with a valid lab.json and its scaffold files, in course order. */
export function pageLabs(): Lab[] {
  if (!existsSync(LABS)) return [];
  const labs: Lab[] = [];
  for (const slug of readdirSync(LABS)) {
    const file = join(LABS, slug, 'lab.json');
    if (!existsSync(file)) continue;
    try {
      const lab = parseLab(`labs/${slug}/lab.json`, readFileSync(file, 'utf8'), slug);
      if (lab.files.every((f) => existsSync(join(LABS, slug, f)))) labs.push(lab);
      else console.warn(`[workbench] labs/${slug}: scaffold files missing, no page yet`);
    } catch (err) {
      console.warn(`[workbench] ${(err as Error).message}`);
    }
  }
  return labs.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Grader files a browser may receive: tests and helpers, minus hidden and Node-only ones. */
export function browserGraders(slug: string): Record<string, string> {
  const dir = join(GRADERS, slug);
  const out: Record<string, string> = {};
  for (const path of walk(dir).sort()) {
    const rel = relative(dir, path).split('\\').join('/');
    if (!rel.endsWith('.ts') || graderFile.isHidden(rel) || graderFile.isNodeOnly(rel)) continue;
    out[rel] = readFileSync(path, 'utf8');
  }
  return out;
}

export function labBundle(lab: Lab): LabBundle {
  const scaffold = Object.fromEntries(lab.files.map((f) => [f, readFileSync(join(LABS, lab.slug, f), 'utf8')]));
  return { lab, scaffold, graders: browserGraders(lab.slug) };
}

export const hasSolution = (lab: Lab) => lab.files.every((f) => existsSync(join(SOLUTIONS, lab.slug, f)));

/** The instructions Markdown for a locale, falling back to the other locale. */
export function instructionsPath(slug: string, locale: Locale): string | undefined {
  for (const l of [locale, locale === 'zh' ? 'en' : 'zh']) {
    const p = join(LABS, slug, `instructions.${l}.md`);
    if (existsSync(p)) return p;
  }
  return undefined;
}

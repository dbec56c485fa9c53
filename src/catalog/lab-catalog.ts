// The lab catalog: the one place that reads the course from disk. It finds every
// labs/<slug>/lab.json and validates it (a mistake names the file and the field), sorts
// each lab's grader files by where they may run, picks the instructions' language and
// bundles what a lab page ships to the browser. The CLI, the site build (astro.config.mjs,
// lab pages, LabLink) and the tests all ask it; none reads lab.json itself.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { composeImplementation, parseLab, type Lab, type LabBundle } from '../core/lab';
import { sortGraderFiles, type GraderFileSets } from '../core/grader-files';
import { LOCALES, localeFallbacks, type Locale } from '../i18n/locale';
import { courseDirs, REPO_ROOT, type CourseDirs } from './paths';

export class UnknownLabError extends Error {
  name = 'UnknownLabError';
}

export class LabCatalog {
  readonly dirs: CourseDirs;

  /** `root`: the folder holding labs/, solutions/ and graders/ (default: this repository). */
  constructor(root: string = REPO_ROOT) {
    this.dirs = courseDirs(root);
  }

  /** Every lab with a lab.json, validated, in course order. A malformed lab.json throws LabFormatError. */
  labs(): Lab[] {
    if (!existsSync(this.dirs.labs)) return [];
    return readdirSync(this.dirs.labs, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(this.dirs.labs, entry.name, 'lab.json')))
      .map(({ name: slug }) => {
        const file = join(this.dirs.labs, slug, 'lab.json');
        return parseLab(this.display(file), readFileSync(file, 'utf8'), slug);
      })
      .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  }

  find(slug: string): Lab | undefined {
    return this.labs().find((lab) => lab.slug === slug);
  }

  /** Labs by slug, in the order asked; none asked means all. An unknown slug lists the known ones. */
  select(slugs: readonly string[]): Lab[] {
    const all = this.labs();
    if (slugs.length === 0) return all;
    return slugs.map((slug) => {
      const lab = all.find((l) => l.slug === slug);
      if (!lab) throw new UnknownLabError(`unknown lab "${slug}"; known labs: ${all.map((l) => l.slug).join(', ')}`);
      return lab;
    });
  }

  /** A lab's grader files by role (src/core/grader-files.ts), relative to graders/<slug>/. */
  graderFiles(slug: string): GraderFileSets {
    const dir = join(this.dirs.graders, slug);
    if (!existsSync(dir)) return sortGraderFiles([]);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((rel) => statSync(join(dir, rel)).isFile())
      .map((rel) => rel.split(sep).join('/'));
    return sortGraderFiles(files);
  }

  /** The test files Node runs for a lab, absolute: every test, hidden ones unless left out. */
  nodeTestFiles(slug: string, { hidden = true } = {}): string[] {
    const sets = this.graderFiles(slug);
    const tests = [...sets.browserTests, ...sets.nodeOnly.filter((p) => p.endsWith('.test.ts')), ...(hidden ? sets.hidden.filter((p) => p.endsWith('.test.ts')) : [])];
    return tests.sort().map((rel) => join(this.dirs.graders, slug, rel));
  }

  /** The instructions for a locale, falling back to the other locale: the locale found and the absolute path. */
  instructions(slug: string, locale: Locale): { locale: Locale; file: string } | undefined {
    for (const l of localeFallbacks(locale)) {
      const file = join(this.dirs.labs, slug, `instructions.${l}.md`);
      if (existsSync(file)) return { locale: l, file };
    }
    return undefined;
  }

  /** What a lab page ships: the contract, the scaffold, the given files and the graders a browser may run (never hidden or Node-only ones). */
  bundle(lab: Lab): LabBundle {
    const read = (dir: string, file: string, why: string) => {
      const path = join(dir, file);
      if (!existsSync(path)) throw new Error(`${this.display(path)} is missing (${why})`);
      return readFileSync(path, 'utf8');
    };
    const labDir = join(this.dirs.labs, lab.slug);
    const graderDir = join(this.dirs.graders, lab.slug);
    const sets = this.graderFiles(lab.slug);
    return {
      lab,
      scaffold: Object.fromEntries(lab.files.map((f) => [f, read(labDir, f, `labs/${lab.slug}/lab.json "files" names it`)])),
      given: Object.fromEntries(lab.given.map((f) => [f, read(labDir, f, `labs/${lab.slug}/lab.json "given" names it`)])),
      // The workload is not a grader: the Profile panel fetches it when a learner asks for a profile.
      graders: Object.fromEntries([...sets.browserTests, ...sets.browserHelpers].filter((rel) => rel !== lab.workload?.file).sort()
        .map((rel) => [rel, read(graderDir, rel, 'a browser grader')])),
    };
  }

  /**
   * The implementation Node grades, as text by name relative to the lab folder: every code file
   * (.ts, .js and kin) in the submission's <slug>/ folder (links not followed), with the course's
   * given files on top. The pre-checks (src/core/prechecks.ts) read it, so a helper file a
   * learner adds is checked like the files lab.json names.
   */
  implementationFiles(lab: Lab, implRoot: string): Record<string, string> {
    const dir = join(implRoot, lab.slug);
    const learner: Record<string, string> = {};
    if (existsSync(dir)) {
      for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const name = rel.split(sep).join('/');
        if (!/\.[cm]?[jt]sx?$/.test(name) || name.split('/').some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
        if (lstatSync(join(dir, rel)).isFile()) learner[name] = readFileSync(join(dir, rel), 'utf8');
      }
    }
    const given = Object.fromEntries(lab.given.map((f) => [f, readFileSync(join(this.dirs.labs, lab.slug, f), 'utf8')]));
    return composeImplementation(learner, given);
  }

  /** Whether solutions/<slug>/ holds every file the learner edits (a page offers "Show solution" then). */
  hasSolution(lab: Lab): boolean {
    return lab.files.every((f) => existsSync(join(this.dirs.solutions, lab.slug, f)));
  }

  /** What is missing from a lab's folders, as sentences (`workbook check` reports them). */
  layoutProblems(lab: Lab): string[] {
    const problems: string[] = [];
    for (const f of lab.files) {
      if (!existsSync(join(this.dirs.labs, lab.slug, f))) problems.push(`labs/${lab.slug}/${f} is missing`);
      if (!existsSync(join(this.dirs.solutions, lab.slug, f))) problems.push(`solutions/${lab.slug}/${f} is missing`);
    }
    for (const f of lab.given) {
      if (!existsSync(join(this.dirs.labs, lab.slug, f))) problems.push(`labs/${lab.slug}/${f} is missing`);
      if (existsSync(join(this.dirs.solutions, lab.slug, f))) problems.push(`solutions/${lab.slug}/${f} repeats a given file: given files live only in labs/${lab.slug}/`);
    }
    for (const locale of LOCALES) {
      if (!existsSync(join(this.dirs.labs, lab.slug, `instructions.${locale}.md`))) problems.push(`labs/${lab.slug}/instructions.${locale}.md is missing`);
    }
    if (this.nodeTestFiles(lab.slug).length === 0) problems.push(`graders/${lab.slug}/ has no *.test.ts`);
    if (lab.workload && !existsSync(join(this.dirs.graders, lab.slug, lab.workload.file))) {
      problems.push(`graders/${lab.slug}/${lab.workload.file} is missing (lab.json "workload" names it)`);
    }
    return problems;
  }

  /** A path as messages show it: relative to the root, with `/`. */
  private display(path: string): string {
    return relative(this.dirs.root, path).split(sep).join('/');
  }
}

/** This repository's labs. */
export const catalog = new LabCatalog();

// `workbook new-lab <slug>`: lays out a new lab's folders for an instructor, the files the
// lab format asks for and nothing else (docs/lab-format.md). The result passes
// `workbook check` at once: the scaffold fails its one task, the solution earns it.
// The folders are all a lab needs: the catalog finds it, the site gets its page, its
// sidebar link and its row in the lab index, the CLI lists and grades it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { labSlug, LabFormatError, parseLab, type Lab } from '../core/lab';
import type { LabCatalog } from './lab-catalog';

export interface NewLabOptions {
  slug: string;
  /** Source section, e.g. "3.2.1" (default: the last lab's section). */
  section?: string;
  /** The chapter page that links the lab (default: the last lab's chapter). */
  chapter?: string;
}

/** A request the catalog cannot honour (a bad or taken slug): the CLI prints it as usage. */
export class NewLabError extends Error {
  name = 'NewLabError';
}

/** The files of a new lab, by path relative to the course root. Throws NewLabError for a bad or taken slug. */
export function newLabFiles(catalog: LabCatalog, options: NewLabOptions): Record<string, string> {
  const { slug } = options;
  const slugCheck = labSlug.safeParse(slug);
  if (!slugCheck.success) throw new NewLabError(`"${slug}" cannot be a lab slug: it ${slugCheck.error.issues[0].message}`);
  const taken = ['labs', 'solutions', 'graders'].filter((dir) => existsSync(join(catalog.dirs.root, dir, slug)));
  if (taken.length) throw new NewLabError(`a lab "${slug}" already exists (${taken.map((d) => `${d}/${slug}/`).join(', ')}): pick another slug`);

  const labs = catalog.labs();
  const last = labs.at(-1);
  const words = slug.replace(/-/g, ' ');
  const lab: Lab = {
    slug,
    order: (last?.order ?? 0) + 1,
    section: options.section ?? last?.section ?? '3.1',
    chapter: options.chapter ?? last?.chapter ?? 'index',
    title: { zh: `实验：${words}`, en: words[0].toUpperCase() + words.slice(1) },
    summary: { zh: `用一句话说明「${words}」要学习者做什么。`, en: `One sentence on what "${words}" asks of the learner.` },
    files: [`${slug}.ts`],
    given: [],
    imports: [],
    tasks: [{
      id: 'adds-numbers', points: 1, kind: 'correctness', env: 'any', hidden: false,
      title: { zh: 'total 返回所有数之和', en: 'total returns the sum of the numbers' },
    }],
    targets: [],
  };
  // The template must itself be a valid lab.json: the schema is the judge, not this file.
  const json = JSON.stringify(lab, null, 2) + '\n';
  try {
    parseLab(`labs/${slug}/lab.json`, json, slug);
  } catch (err) {
    if (err instanceof LabFormatError) throw new NewLabError(`cannot lay out "${slug}": ${err.problems.join('; ')}`);
    throw err;
  }

  const api = `export function total(numbers: readonly number[]): number`;
  return {
    [`labs/${slug}/lab.json`]: json,
    [`labs/${slug}/${slug}.ts`]: `// The scaffold the learner starts from: the API and its contract, the body left to them.\n\n/** The sum of \`numbers\` (0 for none). */\n${api} {\n  throw new Error(\`total(\${numbers.length} numbers): not written yet\`);\n}\n`,
    [`labs/${slug}/instructions.zh.md`]: `## 目标\n\n实现 \`total(numbers)\`：返回所有数之和，空数组返回 0。\n\n## 评分\n\n- **adds-numbers**：\`total([1, 2, 3])\` 为 6，\`total([])\` 为 0。\n`,
    [`labs/${slug}/instructions.en.md`]: `## Goal\n\nWrite \`total(numbers)\`: the sum of the numbers, 0 for an empty array.\n\n## Grading\n\n- **adds-numbers**: \`total([1, 2, 3])\` is 6 and \`total([])\` is 0.\n`,
    [`solutions/${slug}/${slug}.ts`]: `/** The sum of \`numbers\` (0 for none). */\n${api} {\n  let sum = 0;\n  for (const n of numbers) sum += n;\n  return sum;\n}\n`,
    [`graders/${slug}/${slug}.test.ts`]: `// Each top-level describe is a task id from lab.json; every test inside grades that task.\nimport { describe, expect, it } from 'vitest';\nimport { total } from '@impl/${slug}/${slug}';\n\ndescribe('adds-numbers', () => {\n  it('adds the numbers it is given', () => {\n    expect(total([1, 2, 3])).toBe(6);\n  });\n\n  it('returns 0 for no numbers', () => {\n    expect(total([])).toBe(0);\n  });\n});\n`,
  };
}

/** Writes a new lab's folders under the catalog's root; returns the paths written, relative to the root. */
export function createLab(catalog: LabCatalog, options: NewLabOptions): string[] {
  const files = newLabFiles(catalog, options);
  for (const [rel, text] of Object.entries(files)) {
    const path = join(catalog.dirs.root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
  }
  return Object.keys(files);
}

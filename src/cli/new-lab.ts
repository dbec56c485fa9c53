// `workbook new-lab <slug> [--section 3.x.y] [--chapter <page>]`: a new lab's folders, ready for `workbook check`.
import { parseArgs } from 'node:util';
import { catalog } from '../catalog/lab-catalog';
import { createLab, NewLabError } from '../catalog/new-lab';

export const NEW_LAB_HELP = `workbook new-lab <slug> [--section 3.x.y] [--chapter <page>]

Lays out a new lab: labs/<slug>/ (lab.json, a scaffold, instructions.zh.md and .en.md),
solutions/<slug>/ (the reference) and graders/<slug>/ (one grader file, one task).
\`workbook check <slug>\` passes on it at once: the scaffold fails the task, the solution earns it.
Then edit lab.json (titles, tasks, section), the scaffold, the solution and the graders.

  <slug>            kebab-case, like "lru-cache"; refused when the lab exists
  --section 3.x.y   the source section (default: the last lab's)
  --chapter <page>  the chapter page that links the lab (default: the last lab's)`;

export function newLab(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { section: { type: 'string' }, chapter: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(NEW_LAB_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new NewLabError(`new-lab takes one slug, got ${positionals.length}\n\n${NEW_LAB_HELP}`);
  const [slug] = positionals;
  const written = createLab(catalog, { slug, section: values.section, chapter: values.chapter });
  console.log(`Laid out lab "${slug}":\n${written.map((f) => `  ${f}`).join('\n')}\nNext: npx workbook check ${slug}`);
  return 0;
}

// `workbook new-lab <slug> [--section 3.x.y] [--chapter <page>]`: a new lab's folders, ready for `workbook check`.
import { parseArgs } from 'node:util';
import { catalog } from '../catalog/lab-catalog';
import { createLab, NewLabError } from '../catalog/new-lab';
import { USAGE } from './usage';

export const NEW_LAB_HELP = USAGE['new-lab'];

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

// Test names and metric labels in the page's language. Graders stay readable: they
// name tests and metrics in English (`it('get refreshes recency', …)`, `metric: 'get cost
// at 100k ÷ at 1k'`), and graders/<slug>/messages.json translates that exact text:
//
//   { "zh": { "get refreshes recency": "get 会刷新最近使用顺序", "get cost at 100k ÷ at 1k": "…" } }
//
// buildReport (src/core/report.ts) applies it in every runtime, so the CLI, the worker and
// WebContainer word a report alike. Text without a translation stays as the grader wrote it.
// A name made by `it.each` is matched by its format: "capacity %s throws" → "容量 %s 时抛出"
// translates "capacity NaN throws" to "容量 NaN 时抛出".
import type { Locale } from '../i18n/locale';

/** graders/<slug>/messages.json: per locale, the grader's English text → its translation. */
export type GraderMessages = Partial<Record<Locale, Record<string, string>>>;

/** Nested describe names are joined with this in a test's name (src/core/task-tree.ts). */
const PATH_SEPARATOR = ' › ';

/** One grader-written text (a test name, a suite path, a metric label) in a locale. */
export function translateGraderText(text: string, messages: GraderMessages | undefined, locale: Locale): string {
  const table = messages?.[locale];
  if (!table) return text;
  const one = (part: string) => (Object.prototype.hasOwnProperty.call(table, part) ? table[part] : byFormat(table, part) ?? part);
  return text.includes(PATH_SEPARATOR) && !Object.prototype.hasOwnProperty.call(table, text) ? text.split(PATH_SEPARATOR).map(one).join(PATH_SEPARATOR) : one(text);
}

const FORMAT = /%[sdifjo]/g;

/** A translation whose key is an `it.each` format ("capacity %s throws") matching `text`, its values carried over. */
function byFormat(table: Record<string, string>, text: string): string | undefined {
  for (const [key, translation] of Object.entries(table)) {
    if (!FORMAT.test(key)) continue;
    FORMAT.lastIndex = 0;
    const pattern = new RegExp(`^${key.split(FORMAT).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)')}$`);
    const m = pattern.exec(text);
    if (!m) continue;
    let i = 1;
    return translation.replace(FORMAT, () => m[i++] ?? '');
  }
  return undefined;
}

/** Checks a parsed messages.json; returns the problems as sentences (empty when fine). */
export function graderMessagesProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['must be an object like { "zh": { "English text": "译文" } }'];
  const problems: string[] = [];
  for (const [locale, table] of Object.entries(value)) {
    if (locale !== 'zh' && locale !== 'en') { problems.push(`"${locale}" is not a locale (zh, en)`); continue; }
    if (!table || typeof table !== 'object' || Array.isArray(table)) { problems.push(`"${locale}" must map text to text`); continue; }
    for (const [key, text] of Object.entries(table)) if (typeof text !== 'string' || !text) problems.push(`${locale}."${key}" must be a non-empty string`);
  }
  return problems;
}

// The message catalog's one mechanism. Each table of user-facing text is defined with
// defineMessages(zh, en): Chinese first (the default locale), and an English table that
// must have exactly the same keys, so a missing or stray translation is a type error
// (and tests/unit/messages.test.ts checks both sides use the same {placeholders}).
//
// Tables, by who reads them:
//   src/i18n/ui.ts        chapter components (demos, lab links, objectives)
//   src/i18n/workbench.ts the lab page
//   src/i18n/grading.ts   outcomes of a run (src/core/reason.ts words a GradeReason with it)
//   src/i18n/profiler.ts  the Profile panel of a lab page (src/profiler/)
//   src/components/demos/*-strings.ts  one table per chapter demo, beside it
// Starlight's own interface strings stay in src/content/i18n/*.json, where Starlight reads them.
// A lab could later bring a table of its own (test names, metric labels) made the same way.
import type { Locale } from './locale';
import { fill } from './text';

export type MessageVars = Record<string, string | number>;

export interface Messages<K extends string> extends Readonly<Record<Locale, Readonly<Record<K, string>>>> {
  /** The text for `key` in `locale`, its `{placeholders}` filled from `vars`. */
  t(locale: Locale, key: K, vars?: MessageVars): string;
  /** A whole table (for a component that looks many strings up). */
  strings(locale: Locale): Readonly<Record<K, string>>;
  /** Some strings, for a page script (passed through a data attribute, filled there with fill()). */
  pick<P extends K>(locale: Locale, keys: readonly P[]): Record<P, string>;
  /** Every key, for tests. */
  readonly keys: readonly K[];
}

export function defineMessages<const Zh extends Record<string, string>>(
  zh: Zh,
  en: { [K in keyof Zh]: string },
): Messages<Extract<keyof Zh, string>> {
  type K = Extract<keyof Zh, string>;
  const tables = { zh, en } as Record<Locale, Record<K, string>>;
  return {
    ...tables,
    t: (locale, key, vars) => fill(tables[locale][key], vars),
    strings: (locale) => tables[locale],
    pick: (locale, keys) => Object.fromEntries(keys.map((k) => [k, tables[locale][k]])) as never,
    keys: Object.keys(zh) as K[],
  };
}

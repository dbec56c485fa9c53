// Each demo keeps its own strings in a `*-strings.ts` file beside it, zh and en together,
// so a catalog can be moved elsewhere in one piece. `defineStrings` makes the compiler
// check that both languages have exactly the same keys.
import { localeOf } from '../../i18n/ui';

export type Locale = 'zh' | 'en';

export function defineStrings<K extends string>(
  zh: Record<K, string>,
  en: Record<NoInfer<K>, string>,
): Record<Locale, Record<K, string>> {
  return { zh, en };
}

/** The locale a demo renders in: the `locale` prop when given, else the page's. */
export function demoLocale(astro: { url: URL; locals: unknown; props: { locale?: Locale } }): Locale {
  return astro.props.locale ?? localeOf(astro);
}

// Each demo keeps its own strings in a `*-strings.ts` file beside it, zh and en together,
// made with the message catalog's defineMessages (src/i18n/messages.ts), so the compiler
// checks that both languages have exactly the same keys; `table[locale]` is one language.
import { localeOf, type Locale } from '../../i18n/locale';

export type { Locale };

/** The locale a demo renders in: the `locale` prop when given, else the page's. */
export function demoLocale(astro: { url: URL; locals: unknown; props: { locale?: Locale } }): Locale {
  return astro.props.locale ?? localeOf(astro);
}

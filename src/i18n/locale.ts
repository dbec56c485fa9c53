// The course's two languages and the rules for picking one. Pure: the CLI, the build,
// the browser workbench and the grading core all read the same rules from here.

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Chinese is the root locale of the site (`/`); English lives under `/en/`. */
export const DEFAULT_LOCALE: Locale = 'zh';

/** BCP 47 tags, for Intl formatters and `lang` attributes (Starlight's root locale is zh-CN). */
export const LANGUAGE_TAGS: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The order to look for a text in: the wanted locale first, then the others. */
export function localeFallbacks(locale: Locale): Locale[] {
  return [locale, ...LOCALES.filter((l) => l !== locale)];
}

/** Prefixes a root-relative path with the locale's base (`/en` for English). */
export function localePath(locale: Locale, path: string): string {
  return locale === 'en' ? `/en${path}` : path;
}

/**
 * The page's course locale. Starlight knows it for every page it renders
 * (`undefined` is the root locale, Chinese); elsewhere the URL decides.
 */
export function localeOf(astro: { url: URL; locals: unknown }): Locale {
  const route = (astro.locals as { starlightRoute?: { locale?: string } }).starlightRoute;
  if (route) return route.locale === 'en' ? 'en' : 'zh';
  return /^\/en(\/|$)/.test(astro.url.pathname) ? 'en' : 'zh';
}

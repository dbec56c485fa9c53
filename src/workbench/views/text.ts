// The page's words for views: the lab page table of the message catalog, in the page's locale.
import type { Locale } from '../../i18n/locale';
import { workbenchText, type WorkbenchKey } from '../../i18n/workbench';

export type WorkbenchText = (key: WorkbenchKey, vars?: Record<string, string | number>) => string;

export const textFor = (locale: Locale): WorkbenchText => (key, vars) => workbenchText.t(locale, key, vars);

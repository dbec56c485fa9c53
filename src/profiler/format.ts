// How a profile reads, for the panel and the CLI alike: a frame's name, its place, a
// share of the run, the sentence about the hot spot.
import { LANGUAGE_TAGS, type Locale } from '../i18n/locale';
import { profilerText } from '../i18n/profiler';
import { formatNumber } from '../i18n/text';
import { hotSpot, type CallProfile, type Frame } from './profile';

/** "LRUCache.get", "Array#indexOf (built-in)", "(anonymous, in prepare)", "(whole run)". */
export function frameLabel(frame: Frame, locale: Locale): string {
  const t = profilerText.t;
  if (frame.kind === 'root') return t(locale, 'frame.root');
  if (frame.kind === 'builtin') return t(locale, 'frame.builtin', { name: frame.name });
  if (frame.name) return frame.name;
  return frame.context ? t(locale, 'frame.anonymousIn', { context: frame.context }) : t(locale, 'frame.anonymous');
}

/** "lru-cache.ts:28", or '' when the frame has no place. */
export function frameWhere(frame: Frame): string {
  return frame.file ? `${frame.file}${frame.line ? `:${frame.line}` : ''}` : '';
}

/** A share as a percentage: "66", "4.2", "0.3". */
export function percent(share: number): string {
  const p = share * 100;
  return p >= 10 ? p.toFixed(0) : p.toFixed(1);
}

/** A count with the locale's grouping: "400,000". */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(LANGUAGE_TAGS[locale]).format(n);
}

export { formatNumber };

/** The sentence naming where most self time goes, or undefined for an empty profile. */
export function hotSpotSentence(profile: CallProfile, locale: Locale): string | undefined {
  const row = hotSpot(profile);
  if (!row || profile.root.total <= 0) return undefined;
  const frame = profile.frames[row.frame];
  const share = percent(row.self / profile.root.total);
  if (frame.kind === 'builtin') {
    return profilerText.t(locale, 'hot.builtin', { name: frame.name, caller: frame.context || '?', file: frame.file ?? '?', line: frame.line ?? '?', share });
  }
  return profilerText.t(locale, 'hot.function', { name: frameLabel(frame, locale), file: frame.file ?? '?', line: frame.line ?? '?', share });
}

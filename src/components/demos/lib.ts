// Small helpers shared by the demo scripts that run in the page.

import { formatNumber } from '../../i18n/text';

/** A seeded PRNG: the same seed gives the same numbers in every browser. */
export { seededRandom } from '../../core/random';

/** A standard normal sample (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Nearest-rank percentile of an ascending array: the value at rank ⌈p/100 × n⌉
 * (1-based). Always one of the samples, never an interpolation.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Replaces `{name}` placeholders in the strings a component passed down (the same fill() as the server's). */
export { fill } from '../../i18n/text';

/** Reads the strings a component passed to its script in `data-strings`. */
export function stringsOf<T extends Record<string, string>>(root: HTMLElement): T {
  return JSON.parse(root.dataset.strings ?? '{}') as T;
}

/** Formats milliseconds for display, as every measured number is shown (formatNumber); a dash when there is none. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? formatNumber(ms) : '–';
}

/** Runs `setup` once for each element matching `selector`, now and after Astro page swaps. */
export function eachDemo(selector: string, setup: (root: HTMLElement) => void): void {
  const init = () => {
    document.querySelectorAll<HTMLElement>(selector).forEach((root) => {
      if (root.dataset.ready) return;
      root.dataset.ready = 'true';
      setup(root);
    });
  };
  init();
  document.addEventListener('astro:page-load', init);
}

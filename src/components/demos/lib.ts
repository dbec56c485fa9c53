// Small helpers shared by the demo scripts that run in the page.

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

/** Replaces `{name}` placeholders (the page-side twin of src/i18n/ui.ts `fill`). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Reads the strings a component passed to its script in `data-strings`. */
export function stringsOf<T extends Record<string, string>>(root: HTMLElement): T {
  return JSON.parse(root.dataset.strings ?? '{}') as T;
}

/** Formats milliseconds for display: 3 significant digits below 100, whole numbers above. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 100) return String(Math.round(ms));
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
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

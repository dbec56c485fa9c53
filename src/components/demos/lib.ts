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

/** Nearest-rank percentile of an ascending array (see percentile.ts for why it multiplies first). */
export { percentile } from './percentile';

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

/** Shows every slider's value in its `<output data-testid="{name}-value">` (see RangeField.astro). */
export function showRangeValues(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type=range]')) {
    const output = root.querySelector(`[data-testid=${input.name}-value]`);
    if (output) output.textContent = input.value + (input.dataset.unit ?? '');
  }
}

/**
 * Wraps a recomputation so it runs at most once per frame however fast a slider moves.
 * `data-state` on the root is "running" until the latest recomputation has run, then "done".
 */
export function onNextFrame(root: HTMLElement, compute: () => void): () => void {
  let pending = 0;
  return () => {
    showRangeValues(root);
    root.dataset.state = 'running';
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      compute();
      root.dataset.state = 'done';
    });
  };
}

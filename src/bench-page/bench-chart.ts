// Draws each suite of the benchmark page as uPlot bars: one bar per implementation,
// coloured by role (reference, library, baseline). The page renders the numbers as a
// table at build time; this only adds the picture, so it runs after load and only here.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Role } from '../../bench/results';

/** What BenchPage.astro puts in each chart's `data-chart`. */
export interface ChartData {
  labels: string[];
  roles: Role[];
  opsPerSec: number[];
  roleNames: Record<Role, string>;
  axis: string;
  log: boolean;
}

const ROLE_ORDER: Role[] = ['reference', 'library', 'baseline'];

/** Display width in Latin characters: a CJK character takes about two. */
const units = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

/**
 * Splits a name over lines of at most `width` units, so it fits under its bar: at spaces
 * where it can, and inside a word (a CJK phrase, a long identifier) where it must.
 */
function wrap(name: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (units(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const ch of word) {
      if (units(line + ch) > width) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function colours(): Record<Role, string> {
  const styles = getComputedStyle(document.documentElement);
  const accent = styles.getPropertyValue('--sl-color-accent').trim() || '#3b82f6';
  return { reference: accent, library: '#8b95a5', baseline: '#c79a2a' };
}

function draw(host: HTMLElement): void {
  const data = JSON.parse(host.dataset.chart ?? 'null') as ChartData | null;
  if (!data) return;
  const xs = data.labels.map((_, i) => i);
  const fill = colours();
  const muted = getComputedStyle(document.documentElement).getPropertyValue('--sl-color-gray-3').trim() || '#888';
  const roles = ROLE_ORDER.filter((role) => data.roles.includes(role));
  // One series per role, empty where another role's bar stands: each role gets its colour and legend entry.
  const series = roles.map((role) => data.roles.map((r, i) => (r === role ? data.opsPerSec[i] : null)));
  const width = Math.max(320, host.clientWidth);
  // About 7 px per Latin character at the axis font size, in the slot each bar gets, less a gap.
  const labels = data.labels.map((l) => wrap(l, Math.max(8, Math.floor((width - 90) / xs.length / 7) - 2)));
  const lines = Math.max(...labels.map((l) => l.split('\n').length));

  new uPlot(
    {
      width,
      height: 260 + lines * 16,
      cursor: { show: false },
      legend: { show: true, live: false },
      scales: {
        x: { time: false, range: [-0.5, xs.length - 0.5] },
        y: data.log ? { distr: 3, log: 10 } : { range: (_u, _min, max) => [0, max * 1.1] },
      },
      axes: [
        { stroke: muted, splits: () => xs, values: (_u, splits) => splits.map((i) => labels[i] ?? ''), size: 20 + lines * 16, gap: 4, grid: { show: false } },
        { stroke: muted, label: data.axis, size: 70, values: (_u, splits) => splits.map((v) => (v == null ? '' : compact(v))) },
      ],
      series: [
        {},
        ...roles.map((role) => ({
          label: data.roleNames[role],
          fill: fill[role],
          stroke: fill[role],
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.6, 90] }),
          points: { show: false },
          fillTo: (u: uPlot) => (data.log ? (u.scales.y.min ?? 1) : 0),
        })),
      ],
    },
    [xs, ...series] as uPlot.AlignedData,
    host,
  );
  host.dataset.drawn = 'true';
}

/** 1234567 → "1.2M": axis labels stay short in both locales. */
function compact(v: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

for (const host of document.querySelectorAll<HTMLElement>('[data-testid="bench-chart"]')) draw(host);

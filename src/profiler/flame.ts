// A flame graph drawn as an icicle (the run on top, callees below, width = total
// time), in plain DOM: one button per frame, so it is keyboard-reachable, readable
// by screen readers and by tests, and styled by the site's theme. Clicking a frame
// zooms into it; clicking the top row zooms back out one level.
//
// Why not a library: flame-chart-js 3.3 (MIT, canvas) is 93 kB minified and pulls
// React in as a peer; d3-flame-graph 5 needs eight d3 modules. Our graphs have at most
// a few hundred frames, which this file draws in a few kilobytes.
import type { CallNode, CallProfile, Frame } from './profile';

export interface FlameGraphOptions {
  /** The words on a frame. */
  label: (frame: Frame) => string;
  /** Hover text for a frame; `share` is its part of the whole run, 0–1. */
  tooltip: (node: CallNode, frame: Frame, share: number) => string;
  /** Frames narrower than this share of the shown root are left out. Default 0.002. */
  minShare?: number;
  /** Rows drawn at most (deep recursion is cut). Default 40. */
  maxDepth?: number;
}

export function renderFlameGraph(host: HTMLElement, profile: CallProfile, options: FlameGraphOptions): void {
  const minShare = options.minShare ?? 0.002;
  const maxDepth = options.maxDepth ?? 40;
  const parents = new Map<CallNode, CallNode>();
  const index = (node: CallNode) => {
    for (const child of node.children) {
      parents.set(child, node);
      index(child);
    }
  };
  index(profile.root);
  const whole = profile.root.total || 1;

  const draw = (focus: CallNode) => {
    const rows: HTMLElement[] = [];
    const scale = focus.total || 1;
    const place = (node: CallNode, depth: number, left: number) => {
      if (depth >= maxDepth) return;
      const width = node.total / scale;
      if (width < minShare) return;
      const row = rows[depth] ?? (rows[depth] = Object.assign(document.createElement('div'), { className: 'pf-flame-row' }));
      const frame = profile.frames[node.frame];
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'pf-flame-node';
      button.dataset.kind = frame.kind;
      button.dataset.name = frame.name;
      button.style.left = `${(left * 100).toFixed(3)}%`;
      button.style.width = `${(width * 100).toFixed(3)}%`;
      button.textContent = options.label(frame);
      button.title = options.tooltip(node, frame, node.total / whole);
      button.addEventListener('click', () => draw(node === focus ? parents.get(focus) ?? focus : node));
      row.append(button);
      let childLeft = left;
      for (const child of [...node.children].sort((a, b) => b.total - a.total)) {
        place(child, depth + 1, childLeft);
        childLeft += child.total / scale;
      }
    };
    place(focus, 0, 0);
    host.replaceChildren(...rows);
    host.dataset.focus = profile.frames[focus.frame].name;
  };
  draw(profile.root);
}

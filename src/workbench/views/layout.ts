// The work area's frame: splitters that resize the instructions and results panes (drag,
// or arrow keys on the focused separator, as the WAI-ARIA window-splitter pattern says),
// the Starlight sidebar shown or hidden, and the tabs of the results pane. Widths and the
// sidebar choice are remembered in this browser (Workbench.astro applies them before paint).
import type { WorkbenchText } from './text';
import { part, parts } from './dom';

const WIDTHS = 'perf-workbook:panes';
const SIDEBAR = 'perf-workbook:sidebar';
const LIMITS = { min: 192, step: 32 };

function remember(pane: string, px: number): void {
  try {
    const widths = JSON.parse(localStorage.getItem(WIDTHS) ?? '{}') as Record<string, number>;
    widths[pane] = px;
    localStorage.setItem(WIDTHS, JSON.stringify(widths));
  } catch { /* private mode: widths last for this page */ }
}

export function mountSplitters(root: HTMLElement): void {
  const panes = part(root, 'panes');
  // The panes fill the window below the page title and the bar, however tall those wrap.
  const fit = () => document.documentElement.style.setProperty('--wb-panes-top', `${Math.round(panes.getBoundingClientRect().top + scrollY)}px`);
  fit();
  new ResizeObserver(fit).observe(part(root, 'bar'));
  addEventListener('resize', fit);
  for (const splitter of parts(root, 'splitter')) {
    const name = splitter.dataset.pane!;
    // The brief sits left of its splitter, the output right of its own: dragging right grows one and shrinks the other.
    const target = splitter.previousElementSibling as HTMLElement;
    const pane = name === 'brief' ? target : (splitter.nextElementSibling as HTMLElement);
    const sign = name === 'brief' ? 1 : -1;
    const max = () => Math.max(LIMITS.min, panes.clientWidth - 2 * LIMITS.min - 300);
    const set = (px: number) => {
      const width = Math.round(Math.min(max(), Math.max(LIMITS.min, px)));
      document.documentElement.style.setProperty(`--wb-${name}`, `${width}px`);
      splitter.setAttribute('aria-valuenow', String(width));
      splitter.setAttribute('aria-valuetext', `${width}px`);
      return width;
    };
    const sync = () => {
      splitter.setAttribute('aria-valuemin', String(LIMITS.min));
      splitter.setAttribute('aria-valuemax', String(max()));
      splitter.setAttribute('aria-valuenow', String(Math.round(pane.getBoundingClientRect().width)));
    };
    sync();
    new ResizeObserver(sync).observe(panes);

    splitter.addEventListener('keydown', (e) => {
      const now = pane.getBoundingClientRect().width;
      const step = e.shiftKey ? LIMITS.step * 4 : LIMITS.step;
      const to = e.key === 'ArrowLeft' ? now - sign * step : e.key === 'ArrowRight' ? now + sign * step
        : e.key === 'Home' ? LIMITS.min : e.key === 'End' ? max() : undefined;
      if (to === undefined) return;
      e.preventDefault();
      remember(name, set(to));
    });
    splitter.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      splitter.setPointerCapture(e.pointerId);
      splitter.dataset.dragging = '';
      const startX = e.clientX;
      const startWidth = pane.getBoundingClientRect().width;
      let width = startWidth;
      const move = (m: PointerEvent) => { width = set(startWidth + sign * (m.clientX - startX)); };
      const up = () => {
        delete splitter.dataset.dragging;
        splitter.removeEventListener('pointermove', move);
        remember(name, width);
      };
      splitter.addEventListener('pointermove', move);
      splitter.addEventListener('pointerup', up, { once: true });
      splitter.addEventListener('pointercancel', up, { once: true });
    });
  }
}

/** Shows or hides Starlight's sidebar on wide screens; hidden by default on lab pages, for room. */
export function mountSidebarToggle(root: HTMLElement, tr: WorkbenchText): void {
  const button = root.querySelector<HTMLButtonElement>('[data-action="sidebar"]')!;
  const show = (open: boolean) => {
    if (open) document.documentElement.dataset.wbSidebar = 'open';
    else delete document.documentElement.dataset.wbSidebar;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = tr(open ? 'layout.sidebarHide' : 'layout.sidebarShow');
  };
  show(document.documentElement.dataset.wbSidebar === 'open');
  button.addEventListener('click', () => {
    const open = document.documentElement.dataset.wbSidebar !== 'open';
    show(open);
    try { localStorage.setItem(SIDEBAR, open ? 'open' : 'closed'); } catch { /* private mode */ }
  });
}

/** The results pane's tabs (results, console, profile, terminal): arrow keys move between them. */
export function mountOutputTabs(root: HTMLElement): { select(panel: string): void; setVisible(panel: string, visible: boolean): void } {
  const list = part(root, 'output-tabs');
  const tabs = () => [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')].filter((t) => !t.hidden);
  const select = (panel: string) => {
    for (const tab of list.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const on = tab.dataset.panel === panel;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    for (const box of root.querySelectorAll<HTMLElement>('[role="tabpanel"][data-panel]')) box.hidden = box.dataset.panel !== panel;
  };
  list.addEventListener('click', (e) => {
    const tab = (e.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab.dataset.panel!);
  });
  list.addEventListener('keydown', (e) => {
    const all = tabs();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = all[(to + all.length) % all.length];
    select(next.dataset.panel!);
    next.focus();
  });
  return {
    select,
    setVisible(panel, visible) {
      const tab = list.querySelector<HTMLButtonElement>(`[role="tab"][data-panel="${panel}"]`)!;
      tab.hidden = !visible;
      if (!visible && tab.getAttribute('aria-selected') === 'true') select('results');
    },
  };
}

// Which runtime grades: the offline worker (always there) or WebContainer (real Node,
// needs a cross-origin isolated page and StackBlitz's servers). The learner's choice is kept
// in localStorage; a failed WebContainer boot is kept in sessionStorage, so the next page
// load in this session grades in the worker at once instead of trying (and waiting) again.
// Choosing WebContainer again by hand is the way to retry.
import type { Runtime } from '../../runtimes/types';
import { WorkerRuntime } from '../../runtimes/worker-runtime';
import { signal } from './signal';

export type RuntimeName = 'worker' | 'webcontainer';

export type RuntimeStatus =
  | { kind: 'worker' }
  | { kind: 'booting' }
  | { kind: 'installing' }
  | { kind: 'webcontainer' }
  /** WebContainer failed now or earlier in this session (`remembered`); the worker grades. */
  | { kind: 'fallback'; reason: string; remembered: boolean };

const PREF = 'perf-workbook:runtime';
const FAILED = 'perf-workbook:webcontainer-failed';
const BOOT_TIMEOUT_SECONDS = 20;

const read = (store: () => Storage, key: string) => { try { return store().getItem(key); } catch { return null; } };
const write = (store: () => Storage, key: string, value: string | undefined) => {
  try {
    if (value === undefined) store().removeItem(key);
    else store().setItem(key, value);
  } catch { /* private mode: nothing is remembered */ }
};

export interface RuntimeChoiceText {
  bootTimeout(seconds: number): string;
}

export class RuntimeChoice {
  readonly worker = new WorkerRuntime();
  readonly status = signal<RuntimeStatus>({ kind: 'worker' });
  /** Terminal output of WebContainer (boot, install, Vitest). */
  readonly terminal = signal('');
  /** Whether this page can run WebContainer at all. */
  readonly available = Boolean(globalThis.crossOriginIsolated);
  private current: Runtime = this.worker;
  private booting: Promise<void> | undefined;

  constructor(private readonly text: RuntimeChoiceText) {
    this.worker.prewarm();
    if (this.available && read(() => localStorage, PREF) === 'webcontainer') {
      const failed = read(() => sessionStorage, FAILED);
      if (failed) this.status.set({ kind: 'fallback', reason: failed, remembered: true });
      else this.boot();
    }
  }

  get chosen(): RuntimeName {
    const s = this.status.value.kind;
    return s === 'worker' || s === 'fallback' ? 'worker' : 'webcontainer';
  }

  /** The learner picked a runtime: remembered, and WebContainer boots (again, even after a failure). */
  choose(name: RuntimeName): void {
    write(() => localStorage, PREF, name);
    if (name === 'webcontainer') {
      write(() => sessionStorage, FAILED, undefined);
      if (this.current.name !== 'webcontainer' && !this.booting) this.boot();
      return;
    }
    if (this.current !== this.worker) this.current.dispose();
    this.current = this.worker;
    this.status.set({ kind: 'worker' });
  }

  /** The runtime a run should use, once any boot under way has settled (the run's clock is already going). */
  async ready(): Promise<Runtime> {
    if (this.booting) await this.booting;
    return this.current;
  }

  appendTerminal(text: string): void {
    this.terminal.set((this.terminal.value + text).slice(-200_000));
  }

  clearTerminal(): void {
    this.terminal.set('');
  }

  private boot(): void {
    this.status.set({ kind: 'booting' });
    this.booting = (async () => {
      try {
        const { startBrowserWebContainer } = await import('../../runtimes/webcontainer-browser');
        this.current = await startBrowserWebContainer({
          onOutput: (t) => this.appendTerminal(t),
          onInstall: () => this.status.set({ kind: 'installing' }),
          bootTimeoutSeconds: BOOT_TIMEOUT_SECONDS,
          timeoutMessage: (seconds) => this.text.bootTimeout(seconds),
        });
        this.status.set({ kind: 'webcontainer' });
      } catch (err) {
        const reason = (err as Error)?.message || String(err);
        this.current = this.worker;
        write(() => sessionStorage, FAILED, reason);
        this.status.set({ kind: 'fallback', reason, remembered: false });
      } finally {
        this.booting = undefined;
      }
    })();
  }
}

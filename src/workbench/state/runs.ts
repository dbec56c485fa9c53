// Running the graders: a quick check (the correctness tasks a browser can grade), the full
// grade (adds the performance tasks) or one task alone. Each run is timed from the click,
// so a wait for WebContainer to boot is part of what the learner is told. While it runs,
// per-task progress and the learner code's console output stream in; at the end the
// GradeReport is kept with what was asked. No DOM: the results and console views render it.
import type { LabBundle, Lab } from '../../core/lab';
import type { GradeReport } from '../../core/report';
import type { Locale } from '../../i18n/locale';
import type { RunEvent } from '../../runtimes/types';
import type { FilesStore } from './files';
import type { RuntimeChoice } from './runtime-choice';
import { signal } from './signal';

export type RunMode = { kind: 'check' } | { kind: 'grade' } | { kind: 'task'; task: string };

/** A task's state during a run: not run by it, waiting, running, or its tests so far. */
export type TaskProgress = 'skipped' | 'pending' | 'running' | 'pass' | 'fail';

export interface RunState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  mode?: RunMode;
  /** The tasks this run grades (the others show as not run). */
  tasks: string[];
  progress: Record<string, TaskProgress>;
  /** The test running now. */
  current?: string;
  report?: GradeReport;
  /** Why the run itself failed (not the learner's code: the page or a runtime). */
  error?: string;
  /** From the click to the results, including any wait for a runtime to start. */
  elapsedMs?: number;
  /** How much of that was waiting for WebContainer to boot. */
  waitedMs?: number;
  /** FilesStore.revision when the run started: results of older code are stale. */
  revision?: number;
}

/** Lines learner code printed, by test, as they arrive. */
export interface ConsoleStream { test: string; lines: string[] }

/** The tasks a browser can grade: not Node-only, not hidden. */
export const browserTasks = (lab: Lab) => lab.tasks.filter((t) => t.env !== 'node' && !t.hidden);

/** What a mode runs: the check runs the correctness tasks, the grade every browser task, a task itself. */
export function tasksOf(lab: Lab, mode: RunMode): string[] {
  if (mode.kind === 'task') return [mode.task];
  const tasks = browserTasks(lab);
  return (mode.kind === 'check' ? tasks.filter((t) => t.kind === 'correctness') : tasks).map((t) => t.id);
}

export class RunStore {
  readonly state = signal<RunState>({ phase: 'idle', tasks: [], progress: {} });
  readonly console = signal<ConsoleStream[]>([]);

  constructor(
    private readonly bundle: LabBundle,
    private readonly locale: Locale,
    private readonly files: FilesStore,
    private readonly runtimes: RuntimeChoice,
  ) {}

  get running(): boolean { return this.state.value.phase === 'running'; }

  async run(mode: RunMode): Promise<void> {
    if (this.running) return;
    const started = performance.now();
    const { lab } = this.bundle;
    const tasks = tasksOf(lab, mode);
    const progress: Record<string, TaskProgress> = Object.fromEntries(lab.tasks.map((t) => [t.id, tasks.includes(t.id) ? 'pending' : 'skipped']));
    const revision = this.files.revision.value;
    this.files.flushIfPending();
    this.console.set([]);
    this.state.set({ phase: 'running', mode, tasks, progress, revision });
    const update = (patch: Partial<RunState>) => this.state.set({ ...this.state.value, ...patch });
    try {
      const runtime = await this.runtimes.ready();
      const waitedMs = performance.now() - started;
      if (runtime.name === 'webcontainer') this.runtimes.clearTerminal();
      // A full grade of every task needs no filter; anything less names its tasks.
      const only = mode.kind === 'grade' ? undefined : tasks;
      const report = await runtime.run({ bundle: this.bundle, files: { ...this.files.files }, locale: this.locale, only }, (e) => this.onEvent(e, update));
      update({ phase: 'done', report, current: undefined, elapsedMs: performance.now() - started, waitedMs: runtime.name === 'webcontainer' ? waitedMs : undefined });
    } catch (err) {
      update({ phase: 'failed', error: (err as Error)?.message ?? String(err), current: undefined, elapsedMs: performance.now() - started });
    }
  }

  private onEvent(e: RunEvent, update: (patch: Partial<RunState>) => void): void {
    const s = this.state.value;
    if (e.type === 'test-start') {
      update({ current: e.name, progress: s.progress[e.task] === 'pending' ? { ...s.progress, [e.task]: 'running' } : s.progress });
    } else if (e.type === 'test-end') {
      const failed = e.status === 'fail' || s.progress[e.task] === 'fail';
      if (s.progress[e.task] !== undefined && s.progress[e.task] !== 'skipped') update({ progress: { ...s.progress, [e.task]: failed ? 'fail' : 'pass' } });
    } else if (e.type === 'console') {
      const streams = [...this.console.value];
      const last = streams.at(-1);
      if (last?.test === e.test) streams[streams.length - 1] = { test: e.test, lines: [...last.lines, ...e.lines] };
      else streams.push({ test: e.test, lines: e.lines });
      this.console.set(streams);
    } else if (e.type === 'output') {
      this.runtimes.appendTerminal(e.text);
    }
  }
}

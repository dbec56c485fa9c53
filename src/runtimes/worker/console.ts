// Learner code's console in the grading worker: console.log/info/warn/error/debug are
// charged to the test that is running (capped per test by the shared ConsoleCapture) and
// streamed to the page in batches, at most one message every 50 ms, so a loop that logs
// 100k lines neither floods the page nor starves the watchdog: each call counts as progress.
import { ConsoleCapture, formatConsoleArgs, type ConsoleLevel } from '../../core/console-capture';
import { progress, realNow } from './heartbeat';

const LEVELS: ConsoleLevel[] = ['log', 'info', 'warn', 'error', 'debug'];
const FLUSH_MS = 50;

export interface ConsoleBatch { test: string; lines: string[] }

export class WorkerConsole {
  readonly capture = new ConsoleCapture();
  private current: { id: string; name: string } | undefined;
  private pending: ConsoleBatch[] = [];
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly originals = new Map<ConsoleLevel, (...args: unknown[]) => void>();

  constructor(private readonly send: (batch: ConsoleBatch[]) => void) {}

  /** Replaces the console methods until restore(). */
  install(): void {
    for (const level of LEVELS) {
      this.originals.set(level, console[level]);
      console[level] = (...args: unknown[]) => this.print(level, args);
    }
  }

  restore(): void {
    for (const [level, fn] of this.originals) console[level] = fn;
    this.originals.clear();
    this.flush();
  }

  /** The test whose output this is from now on (undefined between tests). */
  setTest(test: { id: string; name: string } | undefined): void {
    this.current = test;
  }

  private print(level: ConsoleLevel, args: unknown[]): void {
    progress();
    const test = this.current;
    if (!test) return;
    const text = formatConsoleArgs(args);
    const before = this.capture.of(test.id)?.output;
    if (this.capture.add(test.id, text, level) === 0) return;
    const now = this.capture.of(test.id)!.output;
    const added = (before === undefined ? now : now.slice(before.length + 1)).split('\n');
    const last = this.pending.at(-1);
    if (last && last.test === test.name) last.lines.push(...added);
    else this.pending.push({ test: test.name, lines: added });
    const t = realNow();
    if (t - this.lastFlush >= FLUSH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = realNow();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.send(batch);
  }
}

// What learner code prints while a test runs (console.log/info/warn/error/debug), charged
// to that test and capped, so a loop that logs 100k lines costs a few kilobytes in the
// report, not megabytes. The browser worker and the Node reporter both collect with it,
// so TestResult.output reads the same from every runtime.
import { stripAnsi } from '../i18n/text';

/** Per test: at most this many lines are kept (the rest are counted), each cut to charsPerLine. */
export const CONSOLE_LIMITS = { linesPerTest: 40, charsPerLine: 400 } as const;

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** A test's captured output: the kept lines joined, and how many lines were left out. */
export interface CapturedOutput { output: string; dropped: number }

export class ConsoleCapture {
  private readonly byTest = new Map<string, { lines: string[]; dropped: number }>();

  /** Records printed text for a test; multi-line text counts line by line. Returns the number of lines kept. */
  add(testId: string, text: string, level: ConsoleLevel = 'log'): number {
    let entry = this.byTest.get(testId);
    if (!entry) this.byTest.set(testId, (entry = { lines: [], dropped: 0 }));
    // Full already (a loop that logs 100k lines): only count, without splitting or copying the text.
    if (entry.lines.length >= CONSOLE_LIMITS.linesPerTest) {
      entry.dropped += lineCount(text);
      return 0;
    }
    const lines = stripAnsi(text).replace(/\n$/, '').split('\n');
    let kept = 0;
    for (const line of lines) {
      if (entry.lines.length >= CONSOLE_LIMITS.linesPerTest) {
        entry.dropped++;
        continue;
      }
      const cut = line.length > CONSOLE_LIMITS.charsPerLine ? `${line.slice(0, CONSOLE_LIMITS.charsPerLine)}…` : line;
      entry.lines.push(level === 'log' || level === 'info' ? cut : `[${level}] ${cut}`);
      kept++;
    }
    return kept;
  }

  /** What a test printed, or undefined when it printed nothing. */
  of(testId: string): CapturedOutput | undefined {
    const entry = this.byTest.get(testId);
    if (!entry) return undefined;
    return { output: entry.lines.join('\n'), dropped: entry.dropped };
  }
}

/** Lines in printed text, as add() splits it (a trailing newline ends the last line). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Console arguments as one line of text, the way a terminal would show them: strings as
 * they are, everything else inspected briefly (never throws, even on cyclic objects).
 */
export function formatConsoleArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
}

function inspect(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol' || value === undefined) return String(value);
  if (value instanceof Map) return `Map(${value.size}) ${inspect(Object.fromEntries([...value].slice(0, 20).map(([k, v]) => [String(k), v])))}`;
  if (value instanceof Set) return `Set(${value.size}) ${inspect([...value].slice(0, 20))}`;
  try {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    }) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

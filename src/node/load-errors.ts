// Turns "the file would not load" errors from Vite/Vitest into one line a learner
// can act on: which file, which line, what is wrong.
import type { SourceLocation } from '../core/report';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function describeLoadError(err: { message: string; stack?: string }, implRoot: string): { message: string; location?: SourceLocation } {
  const root = escape(implRoot);
  // esbuild: "Transform failed with 1 error:\n/abs/lab/file.ts:2:13: ERROR: Unexpected ";""
  const syntax = new RegExp(`${root}/([^\\s:()]+\\.ts):(\\d+):(\\d+): ERROR: (.*)`).exec(err.message);
  if (syntax) {
    const location = { file: syntax[1], line: Number(syntax[2]), column: Number(syntax[3]) };
    return { message: `${location.file}:${location.line}:${location.column}: ${syntax[4].trim()}`, location };
  }
  // Anything else thrown while loading: its message, and where in the learner's code it was thrown.
  const frame = new RegExp(`${root}/([^\\s:()]+\\.ts):(\\d+):(\\d+)`).exec(err.stack ?? '');
  const location = frame ? { file: frame[1], line: Number(frame[2]), column: Number(frame[3]) } : undefined;
  const what = err.message.split(implRoot + '/').join('').split('\n').filter((l) => l.trim()).slice(0, 3).join(' ');
  // Built-ins are frozen while grading; say what the attempt was rather than only that it failed.
  const tamper = /read only property|object is not extensible|Cannot redefine property|Cannot define property/.test(what) ? 'tampering blocked (built-ins are frozen while grading): ' : '';
  return { message: tamper + (location ? `${what} (at ${location.file}:${location.line})` : what), location };
}

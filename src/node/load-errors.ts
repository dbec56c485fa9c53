// Turns "the file would not load" errors from Vite/Vitest into a reason a learner
// can act on: which file, which line, what is wrong.
import type { GradeReason } from '../core/report';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function describeLoadError(err: { message: string; stack?: string }, implRoot: string): GradeReason {
  const root = escape(implRoot);
  // esbuild: "Transform failed with 1 error:\n/abs/lab/file.ts:2:13: ERROR: Unexpected ";""
  const syntax = new RegExp(`${root}/([^\\s:()]+\\.ts):(\\d+):(\\d+): ERROR: (.*)`).exec(err.message);
  if (syntax) return { kind: 'syntax', file: syntax[1], line: Number(syntax[2]), column: Number(syntax[3]), detail: syntax[4].trim() };
  // Anything else thrown while loading: its message, and where in the learner's code it was thrown.
  const frame = new RegExp(`${root}/([^\\s:()]+\\.ts):(\\d+):(\\d+)`).exec(err.stack ?? '');
  const location = frame ? { file: frame[1], line: Number(frame[2]), column: Number(frame[3]) } : undefined;
  const what = err.message.split(implRoot + '/').join('').split('\n').filter((l) => l.trim()).slice(0, 3).join(' ');
  // Built-ins are frozen while grading; say what the attempt was rather than only that it failed.
  const tamper = /read only property|object is not extensible|Cannot redefine property|Cannot define property/.test(what) ? 'tampering blocked (built-ins are frozen while grading): ' : '';
  return { kind: 'load-failed', detail: tamper + what, ...(location ? { location } : {}) };
}

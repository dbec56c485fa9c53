// Turns "the file would not load" errors from Vite/Vitest into one line a learner
// can act on: which file, which line, what is wrong.
import type { SourceLocation } from '../core/report';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function describeLoadError(err: { message: string; stack?: string }, implRoot: string): { message: string; location?: SourceLocation } {
  // esbuild: "Transform failed with 1 error:\n/abs/lab/file.ts:2:13: ERROR: Unexpected ";""
  const at = new RegExp(`${escape(implRoot)}/([^\\s:()]+\\.ts):(\\d+):(\\d+):?\\s*(?:ERROR:\\s*)?(.*)`).exec(`${err.message}\n${err.stack ?? ''}`);
  if (at) {
    const location = { file: at[1], line: Number(at[2]), column: Number(at[3]) };
    const what = at[4].trim() || err.message.split('\n')[0];
    return { message: `${location.file}:${location.line}:${location.column}: ${what}`, location };
  }
  return { message: err.message.split(implRoot + '/').join('').split('\n').filter((l) => l.trim()).slice(0, 3).join(' ') };
}

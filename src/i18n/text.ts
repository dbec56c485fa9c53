// Small text helpers every part of the course shares: filling message placeholders,
// showing a measured number, and dropping terminal colours from captured output.

/** Replaces `{name}` placeholders; unknown names are left as they are. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * A measurement for people: whole numbers from 100 up, else three significant digits
 * ("1234", "56.8", "0.943"), so ratios, milliseconds and error rates read alike.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  return n === 0 ? '0' : n.toPrecision(3);
}

// CSI sequences (colours, cursor moves) that Vitest and npm write to a terminal.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Text without terminal escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

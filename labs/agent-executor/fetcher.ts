// Fetch many URLs with a bound on requests in flight, and back off the way the
// server asks: on 429 or 503 with Retry-After, wait exactly that long.
// Replace each `throw new Error('not implemented: …')` with a real body.
import { realClock, sleep, type Clock } from './clock';
import { runAll } from './executor';

export interface FetchAllOptions {
  /** Requests in flight at most (a positive integer). */
  concurrency: number;
  /** Extra attempts per URL after the first (default 3). */
  retries?: number;
  /** Wait before a retry when the server names none: backoffMs·2^(retry−1) (default 100). */
  backoffMs?: number;
  clock?: Clock;
}

export type FetchResult =
  | { url: string; ok: true; status: number; body: string }
  | { url: string; ok: false; status?: number; error: unknown };

/**
 * Fetches every URL with the global `fetch`, at most `concurrency` at once (build
 * it on runAll), and resolves with one result per URL in input order; it never
 * rejects because a URL failed.
 *
 * - 2xx: `{ ok: true, status, body }` (body as text).
 * - 429, 502, 503, 504: retried up to `retries` times. Wait what Retry-After says
 *   (use `retryAfterMs`), or backoffMs·2^(retry−1) without it. The URL keeps its
 *   slot while it waits. Cancel the body of a refused response before waiting, so
 *   the connection can be reused.
 * - A network error: retried the same way as a 503 without Retry-After.
 * - Any other status, or retries used up: `{ ok: false, status, error }`.
 */
export async function fetchAll(urls: readonly string[], options: FetchAllOptions): Promise<FetchResult[]> {
  throw new Error('not implemented: fetchAll');
}

/** Retry-After as milliseconds: delta-seconds ("2") or an HTTP date; undefined when absent or unreadable. (Given.) */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

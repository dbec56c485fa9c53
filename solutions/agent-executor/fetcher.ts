// Fetch many URLs with a bound on requests in flight, and back off the way the
// server asks: on 429 or 503 with Retry-After, wait exactly that long.
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

/** Fetches every URL; one result per URL, in input order. */
export async function fetchAll(urls: readonly string[], options: FetchAllOptions): Promise<FetchResult[]> {
  const { concurrency, retries = 3, backoffMs = 100, clock = realClock } = options;
  if (!(Number.isInteger(retries) && retries >= 0)) throw new RangeError(`retries must be a whole number, got ${retries}`);
  const settled = await runAll(
    urls.map((url) => (signal: AbortSignal) => fetchOne(url, retries, backoffMs, clock, signal)),
    { concurrency, clock },
  );
  return settled.map((s, i) => (s.ok ? s.value : { url: urls[i], ok: false, error: s.error }));
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

async function fetchOne(url: string, retries: number, backoffMs: number, clock: Clock, signal: AbortSignal): Promise<FetchResult> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      if (attempt >= retries || signal.aborted) throw error; // network failure: retried like a 503 without Retry-After
      await sleep(backoffMs * 2 ** attempt, clock, signal);
      continue;
    }
    if (response.ok) return { url, ok: true, status: response.status, body: await response.text() };

    // Read the header, then drop the body so the connection goes back to the pool before we wait.
    const wait = retryAfterMs(response.headers.get('retry-after')) ?? backoffMs * 2 ** attempt;
    await response.body?.cancel();
    if (!RETRY_STATUSES.has(response.status) || attempt >= retries) {
      return { url, ok: false, status: response.status, error: new Error(`HTTP ${response.status} from ${url}`) };
    }
    // The slot stays taken while we wait: the server asked us to slow down, not to send someone else.
    await sleep(wait, clock, signal);
  }
}

/** Retry-After as milliseconds: delta-seconds ("2") or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

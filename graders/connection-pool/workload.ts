// The profiler's workload for this lab (lab.json "workload"): a service under a burst of
// traffic. 20 000 requests arrive at once, twice over, each borrowing one of 16
// connections through `use()`, running a query (a few awaits) and giving it back; idle
// connections are validated before they are lent. Thousands of callers wait in the
// queue, so its push and shift, and the hand-over in release, are where a pool shows
// its cost: an array queue pays for `shift()` on every hand-over.
import { seededRandom } from '@grader-kit';
import { ManualClock } from '@workload-kit';
import { Pool, type Factory } from '@impl/connection-pool/pool';

const BURSTS = 2;
const REQUESTS = 20_000;
const MAX = 16;

interface Connection { id: number; healthy: boolean; queries: number }

/** A database driver stand-in: connections open at once and answer after a few turns of the event loop. */
function driver(): Factory<Connection> {
  let nextId = 1;
  return {
    create: async () => ({ id: nextId++, healthy: true, queries: 0 }),
    destroy: () => {},
    validate: (conn) => conn.healthy,
  };
}

async function query(conn: Connection, random: () => number): Promise<number> {
  conn.queries++;
  const hops = 1 + Math.floor(random() * 3);
  for (let i = 0; i < hops; i++) await null;
  if (random() < 0.001) conn.healthy = false; // now and then a connection breaks: validation catches it
  return conn.queries;
}

export function prepare() {
  return async () => {
    const random = seededRandom(42);
    // Time stands still: acquire timeouts and idle eviction are armed and cleared, never due.
    const clock = new ManualClock();
    const pool = new Pool(driver(), { max: MAX, min: 4, acquireTimeoutMs: 30_000, idleTimeoutMs: 60_000, clock });
    await pool.ready();
    let served = 0;
    for (let burst = 0; burst < BURSTS; burst++) {
      const requests = Array.from({ length: REQUESTS }, () => pool.use((conn) => query(conn, random)));
      served += (await Promise.all(requests)).length;
    }
    await pool.close();
    return served;
  };
}

// The N+1 demo's model: a page of posts, each with an author, loaded three ways
// from a simulated database on a simulated clock. Every query costs a round trip
// plus a little per row, and needs one of the pool's connections.
//
//   per item, one by one      1 + N queries, 1 + N round trips in a row
//   per item, all at once     1 + N queries, overlapped, but only `connections` at a time
//   batched (DataLoader)      2 queries: the authors of the whole page in one `WHERE id IN (…)`
import { FakeClock } from '../../grader-kit';
import { seededRandom } from '../../core/random';
import { Deque } from './deque';

export interface DbOptions {
  /** Network round trip plus the fixed cost of one query. */
  roundTripMs: number;
  /** Extra cost per row returned. */
  perRowMs: number;
  /** The connection pool's size: at most this many queries run at once. */
  connections: number;
}

export interface QueryRecord {
  sql: string;
  rows: number;
  /** When it asked for a connection, started running and finished. */
  askedAt: number;
  startedAt: number;
  endedAt: number;
}

export interface Post { id: number; authorId: number }
export interface Author { id: number; name: string }

/** A database that takes simulated time: queries wait for a free connection (FIFO), then run. */
export class SimDb {
  readonly queries: QueryRecord[] = [];
  private free: number;
  private readonly waiting = new Deque<() => void>();

  constructor(private readonly clock: FakeClock, private readonly options: DbOptions, private readonly posts: Post[]) {
    this.free = options.connections;
  }

  /** SELECT * FROM posts ORDER BY id LIMIT n */
  async postsPage(): Promise<Post[]> {
    await this.run('SELECT * FROM posts LIMIT ?', this.posts.length);
    return this.posts.map((p) => ({ ...p }));
  }

  /** SELECT * FROM authors WHERE id = ? */
  async author(id: number): Promise<Author> {
    await this.run(`SELECT * FROM authors WHERE id = ${id}`, 1);
    return { id, name: `author ${id}` };
  }

  /** SELECT * FROM authors WHERE id IN (…) */
  async authors(ids: readonly number[]): Promise<Author[]> {
    await this.run(`SELECT * FROM authors WHERE id IN (${ids.join(', ')})`, ids.length);
    return ids.map((id) => ({ id, name: `author ${id}` }));
  }

  private async run(sql: string, rows: number): Promise<void> {
    const askedAt = this.clock.now();
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // a connection is handed over to us
    const startedAt = this.clock.now();
    await new Promise<void>((resolve) => this.clock.setTimeout(() => resolve(), this.options.roundTripMs + rows * this.options.perRowMs));
    this.queries.push({ sql, rows, askedAt, startedAt, endedAt: this.clock.now() });
    const next = this.waiting.shift();
    if (next) next(); // hand the connection straight to the next in line
    else this.free++;
  }
}

/**
 * DataLoader's idea in a few lines: `load(key)` only records the key; all keys asked for
 * in the same tick go to `batch` together, once each, after the current code yields.
 */
export class BatchLoader<K, V> {
  private queue: { key: K; resolve(v: V): void; reject(e: unknown): void }[] = [];
  private readonly cache = new Map<K, Promise<V>>();

  constructor(private readonly batch: (keys: readonly K[]) => Promise<V[]>) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key); // the same key twice in one request: one row, one promise
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      if (this.queue.length === 0) queueMicrotask(() => void this.flush());
      this.queue.push({ key, resolve, reject });
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    try {
      const values = await this.batch(queue.map((q) => q.key));
      queue.forEach((q, i) => q.resolve(values[i]!));
    } catch (error) {
      for (const q of queue) q.reject(error);
    }
  }
}

export type Strategy = 'serial' | 'concurrent' | 'batched';

/** The three ways to attach authors to a page of posts. */
const strategies: Record<Strategy, (db: SimDb) => Promise<(Post & { author: Author })[]>> = {
  // ❌ N+1, one by one: every author waits for the previous one
  serial: async (db) => {
    const posts = await db.postsPage();
    const out = [];
    for (const post of posts) out.push({ ...post, author: await db.author(post.authorId) });
    return out;
  },
  // ⚠️ still N+1 queries: overlapped, but the pool lets only `connections` run at once
  concurrent: async (db) => {
    const posts = await db.postsPage();
    return Promise.all(posts.map(async (post) => ({ ...post, author: await db.author(post.authorId) })));
  },
  // ✅ the same code shape as `concurrent`, but every load() of this tick becomes one query
  batched: async (db) => {
    const posts = await db.postsPage();
    const authors = new BatchLoader<number, Author>((ids) => db.authors(ids));
    return Promise.all(posts.map(async (post) => ({ ...post, author: await authors.load(post.authorId) })));
  },
};

export interface StrategyResult {
  strategy: Strategy;
  queries: QueryRecord[];
  totalMs: number;
  /** Posts that came back with the right author: the three must agree. */
  correct: number;
}

/** A seeded page of `posts` posts written by `authors` distinct authors (or fewer). */
export function makePage(posts: number, authors: number, seed = 3): Post[] {
  const random = seededRandom(seed);
  return Array.from({ length: posts }, (_, i) => ({ id: i + 1, authorId: 1 + Math.floor(random() * authors) }));
}

export async function runStrategy(strategy: Strategy, page: Post[], options: DbOptions): Promise<StrategyResult> {
  const clock = new FakeClock();
  const db = new SimDb(clock, options, page);
  let totalMs = NaN;
  let result: (Post & { author: Author })[] = [];
  void strategies[strategy](db).then((r) => { result = r; totalMs = clock.now(); });
  // Each query is one timer, so this many steps always reach the end.
  for (let i = 0; i <= page.length + 2 && Number.isNaN(totalMs); i++) await clock.advance(options.roundTripMs + page.length * options.perRowMs);
  const correct = result.filter((p) => p.author.id === p.authorId).length;
  return { strategy, queries: db.queries, totalMs, correct };
}

// 3.3.1 The multi-level cache architecture
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '未读消息数被缓存成了 0。这段代码打印什么？', en: 'An unread count of 0 is in the cache. What does this print?' },
      code: {
        lang: 'ts',
        source: `const cache = new Map<string, number>([['unread:42', 0]]);
let loads = 0;

async function unreadCount(user: string): Promise<number> {
  const cached = cache.get(\`unread:\${user}\`);
  if (cached) return cached;
  loads++; // stands for a database query
  return 0;
}

await unreadCount('42');
await unreadCount('42');
console.log(loads);`,
      },
      output: true,
      options: [
        {
          text: '0',
          why: { zh: '值确实在缓存里，但 `if (cached)` 把 0 当成了假值。', en: 'The value is in the cache, but `if (cached)` treats 0 as false.' },
        },
        {
          text: '1',
          why: { zh: '加载之后代码并没有写回缓存，不过就算写回了，0 还是会被当成未命中。', en: 'The code writes nothing back after loading, and even if it did, 0 would still read as a miss.' },
        },
        {
          text: '2',
          correct: true,
          why: { zh: '缓存里的“空”值被当成未命中，每次都去查库：这是原教材缓存的同一个错误。按“键在不在”判断命中：`cache.has(key)`，或 `cached !== undefined`。', en: 'A cached empty value reads as a miss, so every call queries the database: the source cache’s bug. Decide hits by presence: `cache.has(key)` or `cached !== undefined`.' },
        },
      ],
    },
    {
      prompt: { zh: '调用方想说“这个别缓存”，传了 TTL 为 0。这段代码打印什么？', en: 'A caller passes a TTL of 0 to mean “do not cache this”. What does this print?' },
      code: {
        lang: 'ts',
        source: `const DEFAULT_TTL_MS = 3_600_000;
const ttlFor = (ttlMs?: number) => ttlMs || DEFAULT_TTL_MS;
console.log(ttlFor(0), ttlFor(0) === ttlFor(undefined));`,
      },
      output: true,
      options: [
        {
          text: '0 false',
          why: { zh: '那是 `??` 的行为：它只在 `null`/`undefined` 时取默认值。`||` 对所有假值都取默认值。', en: 'That is how `??` behaves: it falls back only on `null`/`undefined`. `||` falls back on every falsy value.' },
        },
        {
          text: '3600000 true',
          correct: true,
          why: { zh: '`0 || 默认值` 得到默认值，0 和“没传”变得一模一样：“别缓存”成了“缓存一小时”。用 `??`，然后拒绝不大于 0 的 TTL。', en: '`0 || default` gives the default, so 0 and “not given” become the same: “do not cache” turns into “cache for an hour”. Use `??`, then reject TTLs that are not above 0.' },
        },
        {
          text: '0 true',
          why: { zh: '`ttlFor(undefined)` 是 3600000，不可能等于 0。', en: '`ttlFor(undefined)` is 3600000, which cannot equal 0.' },
        },
      ],
    },
    {
      prompt: {
        zh: '容量为 2 的 LRU：`set(a)`、`set(b)`、`get(a)`、`set(c)`。被淘汰的是哪个键？',
        en: 'An LRU of capacity 2: `set(a)`, `set(b)`, `get(a)`, `set(c)`. Which key is evicted?',
      },
      options: [
        {
          text: 'a',
          why: { zh: '`get(a)` 把 a 刷新成了最近使用；只有 FIFO 才会按插入顺序扔掉 a。', en: '`get(a)` made a the most recently used; only FIFO would evict a by insertion order.' },
        },
        {
          text: 'b',
          correct: true,
          why: { zh: '`get(a)` 之后顺序是 a（最新）、b（最旧）；`set(c)` 满了，扔掉最久未用的 b。', en: 'After `get(a)` the order is a (newest), b (oldest); `set(c)` finds the cache full and evicts b, the least recently used.' },
        },
        {
          text: 'c',
          why: { zh: '新键总是放进来的那个；腾位置的是最久未用的旧键。', en: 'The new key is the one that goes in; room is made by dropping the least recently used old key.' },
        },
        {
          text: { zh: '都不淘汰：容量会自动扩大', en: 'None: the capacity grows' },
          why: { zh: '有容量上限正是 LRU 的意义所在；它从不自己扩容。', en: 'A bound is the point of an LRU; it never grows by itself.' },
        },
      ],
    },
    {
      prompt: {
        zh: '服务每次启动时预热 1 万个键，TTL 都恰好是 1 小时。之后数据库每隔一小时就被压垮一次。这是哪种问题，怎么治？',
        en: 'At start-up a service warms 10,000 keys, each with a TTL of exactly one hour. From then on the database is swamped once an hour. Which problem is this, and the fix?',
      },
      options: [
        {
          text: { zh: '缓存穿透：缓存“不存在”', en: 'Penetration: cache “does not exist”' },
          why: { zh: '穿透是查询根本不存在的数据；这里的键都存在，只是同时过期。', en: 'Penetration is about lookups of data that does not exist; these keys exist and just expire together.' },
        },
        {
          text: { zh: '缓存击穿：单飞', en: 'Stampede: single flight' },
          why: { zh: '单飞让同一个键只加载一次，但 1 万个不同的键同时过期仍会发出 1 万次加载。', en: 'Single flight loads each key once, but 10,000 different keys expiring together still make 10,000 loads.' },
        },
        {
          text: { zh: '缓存雪崩：给 TTL 加随机抖动，比如 ±10%', en: 'Avalanche: add random jitter to the TTL, say ±10%' },
          correct: true,
          why: { zh: '同时写入、同样的 TTL，就会同时过期。抖动把过期时刻摊开到一个时间窗里。', en: 'Written together with the same TTL, they expire together. Jitter spreads the expiries over a window.' },
        },
      ],
    },
  ],
});

// 3.3.2 Smart cache invalidation
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '一张既有菱形又有环的依赖图。这段代码打印什么？', en: 'A dependency graph with a diamond and a cycle. What does this print?' },
      code: {
        lang: 'ts',
        source: `function affected(dependents: Map<string, Set<string>>, source: string): string[] {
  const order = [source];
  const seen = new Set(order);
  for (let head = 0; head < order.length; head++) {
    for (const next of dependents.get(order[head]!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
    }
  }
  return order;
}

const graph = new Map([
  ['a', new Set(['b', 'c'])],
  ['b', new Set(['d'])],
  ['c', new Set(['d'])],
  ['d', new Set(['a'])],
]);
console.log(affected(graph, 'a').join(' '));`,
      },
      output: true,
      options: [
        {
          text: 'a b d c d',
          why: { zh: '那是没有 `seen` 集合时的深度优先结果；这里 d 只会出现一次。', en: 'That is a depth-first walk without a `seen` set; here d appears once.' },
        },
        {
          text: 'a b c',
          why: { zh: 'd 能通过 b 和 c 到达，它也是受影响的键。', en: 'd is reachable through b and c, so it is affected too.' },
        },
        {
          text: 'a b c d',
          correct: true,
          why: { zh: '广度优先：先 a，再 a 的直接依赖 b、c，最后 d。菱形让 d 只出现一次，环（d → a）因为 a 已经见过而停下。', en: 'Breadth first: a, then its direct dependents b and c, then d. The diamond yields d once, and the cycle (d → a) stops because a was seen.' },
        },
        {
          text: { zh: '永远不结束：图里有环', en: 'It never ends: the graph has a cycle' },
          why: { zh: '`seen` 集合保证每个节点只入队一次，所以有环也会结束。', en: 'The `seen` set lets each node into the queue once, so a cycle ends too.' },
        },
      ],
    },
    {
      prompt: {
        zh: '依赖是 `user:123 → user_orders:123 → dashboard:123`。用原教材只查一层的依赖图更新 `user:123` 之后，哪个缓存条目还是旧的？',
        en: 'The dependencies are `user:123 → user_orders:123 → dashboard:123`. After updating `user:123` with the source’s one-level graph, which entry is still stale?',
      },
      options: [
        {
          text: '`user_orders:123`',
          why: { zh: '它直接依赖 `user:123`，一层的查找能找到它。', en: 'It depends on `user:123` directly, which a one-level lookup finds.' },
        },
        {
          text: '`dashboard:123`',
          correct: true,
          why: { zh: '它只通过 `user_orders:123` 间接依赖，一层的查找到不了它，首页继续显示旧订单。要做传递遍历。', en: 'It depends on it only through `user_orders:123`, beyond one level, so the home page keeps the old orders. The walk must be transitive.' },
        },
        {
          text: { zh: '都不旧：TTL 会处理', en: 'Neither: the TTL takes care of it' },
          why: { zh: 'TTL 只是兜底：在它过期之前，用户一直看到旧数据。', en: 'A TTL is a safety net: until it expires, users see the old data.' },
        },
      ],
    },
    {
      prompt: {
        zh: '有人改成“先删缓存，再写数据库”。这会带来什么问题？',
        en: 'Someone changes the order to “delete the cache entry, then write the database”. What can go wrong?',
      },
      options: [
        {
          text: { zh: '没问题，顺序无所谓', en: 'Nothing: the order does not matter' },
          why: { zh: '删完到写完之间有一个窗口，窗口里的读请求会出问题。', en: 'There is a window between the delete and the write, and reads in it go wrong.' },
        },
        {
          text: { zh: '写库之前若有读请求，它会把旧值重新读进缓存，直到 TTL 到期', en: 'A read before the write puts the old value back into the cache until its TTL runs out' },
          correct: true,
          why: { zh: '所以要先写库、后失效，实验的 `updating` 也是在更新结束之后才失效。', en: 'That is why you write first and invalidate after, as the lab’s `updating` does once the update ends.' },
        },
        {
          text: { zh: '写库会失败，因为键已经不存在了', en: 'The write fails because the key no longer exists' },
          why: { zh: '缓存和数据库是两回事；删缓存不影响写库。', en: 'The cache and the database are separate; deleting from one does not affect writing the other.' },
        },
      ],
    },
    {
      prompt: {
        zh: '跨进程失效时，进程 B 收到进程 A 广播的消息，应该怎么做？',
        en: 'With cross-process invalidation, process B receives a message process A broadcast. What should B do?',
      },
      options: [
        {
          text: { zh: '用消息里带来的新值更新自己的 L1', en: 'Update its L1 with the new values the message carries' },
          why: { zh: '消息里只该有 key：值在路上就可能已经过时了，而“删掉这个 key”无论何时收到都是安全的。', en: 'Messages should carry keys only: a value may be stale by the time it lands, while “drop this key” is always safe.' },
        },
        {
          text: { zh: '沿自己的依赖图再遍历一次，并把结果再广播出去', en: 'Walk its own dependency graph again and broadcast the result' },
          why: { zh: 'A 已经遍历过了；B 再广播，A 又会回应，两个实例会无休止地互相回声。', en: 'A already walked the graph; if B broadcasts again, A answers back and the two echo each other for ever.' },
        },
        {
          text: { zh: '只删掉消息里列出的 key，不再遍历、不再广播；如果消息来自自己，就忽略', en: 'Delete exactly the keys the message lists, with no walk and no broadcast; ignore its own messages' },
          correct: true,
          why: { zh: '这正是实验 `listen()` 的规则：发布者自己的订阅也会收到消息，那些 key 它早已删过了。', en: 'That is the lab’s `listen()` rule: the publisher receives its own message too, and those keys are gone already.' },
        },
      ],
    },
  ],
});

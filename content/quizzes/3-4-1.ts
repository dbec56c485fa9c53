// 3.4.1 Connection pools
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: {
        zh: '高峰时每秒 300 次查询，每次占用连接约 30 ms。目标利用率定为 70%，池的大小大约该是多少？',
        en: 'At peak there are 300 queries per second, each holding a connection for about 30 ms. With a target utilization of 70%, about how large should the pool be?',
      },
      options: [
        {
          text: '9',
          why: { zh: '9 是平均在忙的连接数（300 × 0.03），没有给突发留余地：稍有波动就要排队。', en: '9 is the average number busy (300 × 0.03), with no headroom: any burst makes callers queue.' },
        },
        {
          text: '300',
          why: { zh: '每秒 300 次不等于同时 300 个：每次只占 30 ms。', en: '300 per second is not 300 at once: each holds its connection for 30 ms only.' },
        },
        {
          text: '13',
          correct: true,
          why: { zh: '利特尔定律：300/s × 0.03 s = 9 条平均在忙；除以 0.7 得 12.9，向上取整为 13。', en: 'Little’s law: 300/s × 0.03 s = 9 busy on average; divided by 0.7 that is 12.9, so 13.' },
        },
        {
          text: '30',
          why: { zh: '这是把 30 ms 直接当成了连接数。', en: 'That reads the 30 ms as a number of connections.' },
        },
      ],
    },
    {
      prompt: { zh: '一个忘了写 `await` 的 `use()`。这段代码打印什么？', en: 'A `use()` that forgot an `await`. What does this print?' },
      code: {
        lang: 'ts',
        source: `const log: string[] = [];

async function use(fn: () => Promise<string>): Promise<string> {
  log.push('acquire');
  try {
    return fn(); // no await
  } finally {
    log.push('release');
  }
}

await use(async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  log.push('query done');
  return 'rows';
});
console.log(log.join(', '));`,
      },
      output: true,
      options: [
        {
          text: 'acquire, query done, release',
          why: { zh: '只有写成 `return await fn()` 才是这个顺序：`finally` 会等查询结束。', en: 'Only `return await fn()` gives that order: then `finally` waits for the query.' },
        },
        {
          text: 'acquire, release, query done',
          correct: true,
          why: { zh: '`return fn()` 立即返回一个还没完成的 Promise，`finally` 随即执行：连接已经还回池里，查询却还在上面跑。', en: '`return fn()` hands back a promise that has not settled, and `finally` runs right away: the connection is back in the pool while the query still runs on it.' },
        },
        {
          text: 'acquire, release',
          why: { zh: '查询并没有被取消，外面的 `await` 仍会等到它结束，所以 “query done” 也会打印。', en: 'The query is not cancelled, and the outer `await` still waits for it, so “query done” is logged too.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个池先检查 `size < max`，然后 `await create()`，建好后才 `size++`。`max = 1`、`size = 0` 时两个调用者同时到来。会怎样？',
        en: 'A pool checks `size < max`, then does `await create()`, and only afterwards `size++`. With `max = 1` and `size = 0`, two callers arrive together. What happens?',
      },
      options: [
        {
          text: { zh: '第二个调用者排队，一切正常', en: 'The second caller queues, and all is well' },
          why: { zh: '第二个调用者检查时 `size` 还是 0：第一个还在 `await` 里，没来得及加一。', en: 'When the second one checks, `size` is still 0: the first is inside its `await` and has not counted yet.' },
        },
        {
          text: { zh: '两个都去建连接，池里有了 2 条，超过了 `max`', en: 'Both create a connection: the pool holds 2, above `max`' },
          correct: true,
          why: { zh: '检查和占位之间隔了一个 `await`，另一个调用就插了进来。要在任何 `await` 之前同步地占住名额。', en: 'An `await` between the check and the claim lets the other call in. Claim the slot synchronously, before any `await`.' },
        },
        {
          text: { zh: 'JavaScript 是单线程的，所以不可能出问题', en: 'JavaScript is single-threaded, so nothing can go wrong' },
          why: { zh: '同步代码不会被打断，但每个 `await` 都是一个让别的代码运行的点。', en: 'Synchronous code is never interrupted, but every `await` is a point where other code runs.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个调用者等了 `acquireTimeoutMs` 之后以 `AcquireTimeoutError` 失败。一秒后有人归还了一条连接。这条连接应该给谁？',
        en: 'A caller gives up with an `AcquireTimeoutError` after `acquireTimeoutMs`. A second later someone returns a connection. Who should get it?',
      },
      options: [
        {
          text: { zh: '那个已经超时的调用者：它排在最前面', en: 'The caller who timed out: it was first in line' },
          why: { zh: '它已经走了，没人会用这条连接，也没人会归还它：连接就这样漏掉了。超时的调用者必须立刻离队。', en: 'It has left; nobody would use or return that connection, so it would leak. A caller who times out must leave the queue at once.' },
        },
        {
          text: { zh: '仍在排队的调用者中等得最久的那个；没人等就放回空闲列表', en: 'The longest-waiting caller still in line, or the idle list if nobody waits' },
          correct: true,
          why: { zh: '先来先得，而且只给还在等的人。实验的 `acquire-timeout` 任务正检查这一点。', en: 'First come, first served, among those still waiting. The lab’s `acquire-timeout` task checks exactly this.' },
        },
        {
          text: { zh: '直接销毁：超时说明池出了问题', en: 'Destroy it: a timeout means the pool is broken' },
          why: { zh: '超时说明池暂时饱和了，连接本身没问题；销毁它只会让饱和更严重。', en: 'A timeout means the pool was saturated for a while; the connection is fine, and destroying it makes things worse.' },
        },
      ],
    },
  ],
});

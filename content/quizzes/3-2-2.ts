// 3.2.2 Fetching data asynchronously
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: {
        zh: '`const res = await fetch(url)`，服务器回了 `500 Internal Server Error`，响应体是一段 JSON。接下来会发生什么？',
        en: '`const res = await fetch(url)`, and the server answers `500 Internal Server Error` with a JSON body. What happens next?',
      },
      options: [
        {
          text: { zh: '`fetch` 拒绝，进入 `catch`', en: '`fetch` rejects and control goes to `catch`' },
          why: { zh: '`fetch` 只在没有拿到任何响应时才拒绝（网络错误、中止）。任何 HTTP 状态码都算“拿到了响应”。', en: '`fetch` rejects only when no response arrives at all (network error, abort). Any HTTP status counts as a response.' },
        },
        {
          text: { zh: '`fetch` 正常返回，`res.ok` 为 false；不检查它，`res.json()` 会把错误信息当成数据返回', en: '`fetch` resolves with `res.ok` false; without checking it, `res.json()` returns the error as if it were data' },
          correct: true,
          why: { zh: '这正是原教材获取器的错误：把 500 记成成功。读响应体之前先看 `res.ok`。', en: 'That is the original fetcher’s bug: a 500 recorded as success. Look at `res.ok` before reading the body.' },
        },
        {
          text: { zh: '`res.json()` 抛出异常，因为状态码不是 2xx', en: '`res.json()` throws because the status is not 2xx' },
          why: { zh: '`json()` 只管解析响应体，不看状态码；响应体是合法 JSON 时它就照常返回。', en: '`json()` only parses the body and ignores the status; a valid JSON body parses fine.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个页面列出 30 篇文章。代码先查一次文章列表，然后在循环里为每篇文章懒加载作者，再懒加载评论数。一共发出多少次查询？',
        en: 'A page lists 30 posts. The code queries the list once, then, in a loop, lazily loads each post’s author and then its comment count. How many queries is that?',
      },
      options: [
        {
          text: '3',
          why: { zh: '3 次是批量加载的结果：列表、所有作者、所有评论数各一次。懒加载做不到。', en: 'Three is what batching gives: the list, all authors, all counts. Lazy loading does not.' },
        },
        {
          text: '31',
          why: { zh: '每篇文章有两个关联，不是一个。', en: 'Each post has two relations, not one.' },
        },
        {
          text: '61',
          correct: true,
          why: { zh: '1 次列表 + 30 次作者 + 30 次评论数 = 61，而且循环里每次都要等上一次结束。这就是 N+1（这里是 2N+1）。', en: '1 for the list + 30 authors + 30 counts = 61, each awaited before the next: N+1 (here 2N+1).' },
        },
        {
          text: '30',
          why: { zh: '别忘了取列表的那一次，以及每篇文章的第二个关联。', en: 'That forgets the list query and each post’s second relation.' },
        },
      ],
    },
    {
      prompt: {
        zh: '你用了 3.2.2 节的 `batchLoader`，但调用方式是 `for (const o of orders) names.push(await load(o.customerId))`，50 个订单、20 个不同客户。会发出几次查询？',
        en: 'You use the `batchLoader` of 3.2.2, but call it as `for (const o of orders) names.push(await load(o.customerId))`: 50 orders, 20 distinct customers. How many queries?',
      },
      options: [
        {
          text: '1',
          why: { zh: '批量加载器只能合并同一轮里发出的请求；这里每次请求都要等上一次查完才发出。', en: 'The loader merges only lookups issued in the same run; here each one waits for the previous query before it is issued.' },
        },
        {
          text: '20',
          why: { zh: '这个加载器不缓存上一批的结果：同一个客户在后面的订单里再出现，会再查一次。', en: 'This loader does not cache earlier batches: a customer met again in a later order is queried again.' },
        },
        {
          text: '50',
          correct: true,
          why: { zh: '每次 `await` 都让一批只含一个键，于是每个订单一次查询。改成 `await Promise.all(orders.map((o) => load(o.customerId)))` 就只剩 1 次。', en: 'Each `await` leaves a batch of one key, so one query per order. `await Promise.all(orders.map((o) => load(o.customerId)))` makes it one query.' },
        },
      ],
    },
    {
      prompt: {
        zh: '3.2.2 节的信号量在释放许可时，如果有人在等，就把许可直接交给队首，而不是把计数加一。为什么？',
        en: 'When the semaphore of 3.2.2 releases a permit while someone waits, it hands the permit straight to the first waiter instead of adding one to the count. Why?',
      },
      options: [
        {
          text: { zh: '这样更快：少做一次加法和一次减法', en: 'It is faster: one addition and one subtraction saved' },
          why: { zh: '省下的那点运算无关紧要；这里讲的是公平。', en: 'The arithmetic saved is negligible; this is about fairness.' },
        },
        {
          text: { zh: '防止插队：如果先把计数加一，恰好这时调用 `acquire` 的新来者会抢在排了很久的等待者前面', en: 'No queue-jumping: if the count went up first, a newcomer calling `acquire` at that moment could take the permit ahead of someone who has waited longer' },
          correct: true,
          why: { zh: '被唤醒的等待者要到下一个微任务才运行，在那之前新来者看到空闲许可就会直接拿走。直接交接保证先来先得。', en: 'The woken waiter runs only in a later microtask, and a newcomer who sees a free permit before then would take it. Handing it over keeps first come, first served.' },
        },
        {
          text: { zh: 'JavaScript 没有原子操作，计数加一可能被打断', en: 'JavaScript has no atomics, so incrementing could be interrupted' },
          why: { zh: '同步代码在单线程上不会被打断，`permits += 1` 本身是安全的。', en: 'Synchronous code on one thread is never interrupted; `permits += 1` is safe by itself.' },
        },
      ],
    },
  ],
});

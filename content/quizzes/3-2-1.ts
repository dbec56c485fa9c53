// 3.2.1 Running agents in parallel
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '这段代码打印什么？', en: 'What does this print?' },
      code: {
        lang: 'ts',
        source: `const order: string[] = [];
setTimeout(() => order.push('timeout'), 0);
Promise.resolve().then(() => order.push('promise'));
order.push('sync');
await new Promise((resolve) => setTimeout(resolve, 20));
console.log(order.join(' '));`,
      },
      output: true,
      options: [
        {
          text: 'timeout promise sync',
          why: { zh: '代码是按书写顺序登记回调的，但回调不会在登记时就执行。同步代码总是先跑完。', en: 'The callbacks are registered in that order, but none runs when registered: the synchronous code always finishes first.' },
        },
        {
          text: 'sync timeout promise',
          why: { zh: '定时器哪怕是 0 ms，也要等到下一轮事件循环；Promise 的回调是微任务，在当前这段同步代码结束后立刻执行，比任何定时器都早。', en: 'Even a 0 ms timer waits for a later turn of the event loop; a promise callback is a microtask that runs as soon as the current synchronous code ends, before any timer.' },
        },
        {
          text: 'sync promise timeout',
          correct: true,
          why: { zh: '先是同步代码；然后清空微任务队列（Promise 回调）；最后才轮到定时器。', en: 'First the synchronous code, then the microtask queue (the promise callback), and only then the timer.' },
        },
      ],
    },
    {
      prompt: { zh: '这段代码打印什么？', en: 'What does this print?' },
      code: {
        lang: 'ts',
        source: `async function double(x: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return x * 2;
}

const out: number[] = [];
[1, 2, 3].forEach(async (x) => out.push(await double(x)));
console.log(out.length);`,
      },
      output: true,
      options: [
        {
          text: '0',
          correct: true,
          why: { zh: '`forEach` 丢掉了每个 async 回调返回的 Promise，谁也没有等它们。打印时三个调用都还在等定时器。', en: '`forEach` throws away the promise each async callback returns, so nothing waits for them: when the log runs, all three calls are still waiting on their timers.' },
        },
        {
          text: '3',
          why: { zh: '三次 `push` 都发生在 10 ms 之后，而 `console.log` 在同步代码里立刻执行。', en: 'The three `push` calls happen after 10 ms, while `console.log` runs right away in the synchronous code.' },
        },
        {
          text: '1',
          why: { zh: '`forEach` 不会等第一个回调，哪怕只是等它一个：它根本不看回调的返回值。', en: '`forEach` does not wait even for the first callback: it ignores what callbacks return.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个上限为 10 的工人循环执行器，用 `AbortSignal.timeout(5000)` 给每个任务超时，但不让任务和截止时间赛跑。有一个任务完全不理会信号，永远不结束。会怎样？',
        en: 'A worker-loop executor with a limit of 10 hands each task `AbortSignal.timeout(5000)` but does not race the task against the deadline. One task ignores its signal and never ends. What happens?',
      },
      options: [
        {
          text: { zh: '5 秒后这个任务被中止，执行器继续处理后面的任务', en: 'After 5 s the task is aborted and the executor moves on' },
          why: { zh: '信号只是通知。任务不听，它就一直跑，没有任何东西能从外面强行停掉一个 Promise。', en: 'The signal is only a notice. A task that ignores it keeps running; nothing can stop a promise from outside.' },
        },
        {
          text: { zh: 'Node 会在 5 秒后终止这个任务并抛出 AbortError', en: 'Node kills the task after 5 s and throws an AbortError' },
          why: { zh: 'Node 不会终止一段 JavaScript；`AbortError` 只有在任务自己监听信号时才会出现。', en: 'Node does not kill JavaScript; an `AbortError` appears only if the task itself listens to the signal.' },
        },
        {
          text: { zh: '领到它的那个工人永远被占住，整批任务的 Promise 永远不会落定', en: 'The worker that took it stays busy for ever, and the batch’s promise never settles' },
          correct: true,
          why: { zh: '工人在 `await` 这个任务，后面的下标就少了一个工人；全部任务完成前 `Promise.all` 不会落定。实验的 `timeout-and-cancel` 任务要求超时立即释放名额，正是为此。', en: 'That worker is stuck in `await`, so one fewer worker serves the rest, and `Promise.all` never settles. The lab’s `timeout-and-cancel` task requires a timeout to free the slot at once for exactly this reason.' },
        },
        {
          text: { zh: '`Promise.all` 立刻拒绝，其余任务的结果全部丢失', en: '`Promise.all` rejects at once and every other result is lost' },
          why: { zh: '一个永不结束的任务不会拒绝任何东西；它只是一直悬着。', en: 'A task that never ends rejects nothing; it just hangs.' },
        },
      ],
    },
    {
      prompt: {
        zh: '8 个任务，每个都要在主线程上做约 1 秒的纯计算（没有 I/O）。写成 `await Promise.all(jobs.map(async (j) => compute(j)))`，总共大约要多久？',
        en: 'Eight tasks each do about 1 s of pure computation on the main thread (no I/O). Written as `await Promise.all(jobs.map(async (j) => compute(j)))`, how long does the whole take?',
      },
      options: [
        {
          text: { zh: '约 1 秒：它们是并发的', en: 'About 1 s: they run concurrently' },
          why: { zh: '并发让的是*等待*重叠。计算都在同一个线程上，只能一个接一个。', en: 'Concurrency overlaps *waits*. The computations share one thread and run one after another.' },
        },
        {
          text: { zh: '约 2 秒：libuv 线程池有 4 个线程', en: 'About 2 s: the libuv pool has 4 threads' },
          why: { zh: 'libuv 线程池只跑 `fs`、`crypto`、`zlib` 等内置操作，不跑你的 JavaScript。', en: 'The libuv pool runs built-in work such as `fs`, `crypto` and `zlib`, never your JavaScript.' },
        },
        {
          text: { zh: '约 8 秒', en: 'About 8 s' },
          correct: true,
          why: { zh: '八段同步计算在一个线程上依次执行。要用上多核，得把它们交给 `worker_threads`。', en: 'Eight stretches of synchronous work run in turn on one thread. Using more cores takes `worker_threads`.' },
        },
      ],
    },
  ],
});

// The lab's reference runAll against p-limit 7 and p-queue 9, the two libraries
// people install for "at most K promises at a time". Every variant gets the same
// task functions and settles every task (Promise.allSettled for the libraries, as
// runAll returns one Settled per task). Three workloads: cheap async tasks (the
// executor's own overhead per task), ~1 ms tasks (does the limiter keep K busy?),
// and cheap tasks under a per-task timeout (p-limit has none, so it sits that one out).
import pLimit from 'p-limit';
import PQueue from 'p-queue';
import { runAll, type Task } from '../solutions/agent-executor/executor';
import { compare, sized, timedAsync, type Variant } from './lib';
import type { SuiteResult } from './results';

type Runner = (tasks: Task<number>[], concurrency: number) => Promise<unknown[]>;

const viaReference: Runner = (tasks, concurrency) => runAll(tasks, { concurrency });
const viaPLimit: Runner = (tasks, concurrency) => {
  const limit = pLimit(concurrency);
  return Promise.allSettled(tasks.map((task) => limit(() => task(NO_SIGNAL))));
};
const viaPQueue: Runner = (tasks, concurrency) => {
  const queue = new PQueue({ concurrency });
  return Promise.allSettled(tasks.map((task) => queue.add(() => task(NO_SIGNAL))));
};
// The libraries pass no signal; tasks written for runAll take one, so they get a never-aborted one.
const NO_SIGNAL = new AbortController().signal;

/** Runs `tasks` through `runner` and checks every task settled, so no variant can skip work. */
function variant(name: string, role: Variant['role'], runner: Runner, makeTasks: () => Task<number>[], concurrency: number): Variant {
  return {
    name,
    // Library names read the same in both languages; the reference's does not.
    ...(role === 'reference' ? { nameZh: name.replace(/^reference/, '参考实现') } : {}),
    role,
    run: async () => {
      const tasks = makeTasks();
      let settled = 0;
      const result = await timedAsync(tasks.length, async () => {
        settled = (await runner(tasks, concurrency)).length;
      });
      if (settled !== tasks.length) throw new Error(`${name} settled ${settled} of ${tasks.length} tasks`);
      return result;
    },
  };
}

/** The reference and both libraries on the same tasks. */
const allThree = (makeTasks: () => Task<number>[], concurrency: number): Variant[] => [
  variant('reference runAll', 'reference', viaReference, makeTasks, concurrency),
  variant('p-limit 7.3.3', 'library', viaPLimit, makeTasks, concurrency),
  variant('p-queue 9.3.5', 'library', viaPQueue, makeTasks, concurrency),
];

export default async function agentExecutorBench(): Promise<SuiteResult[]> {
  const cheap = () => Array.from({ length: sized(10_000, 500) }, (_, i): Task<number> => async () => i);
  const cheapConcurrency = 16;
  const cheapSuite = await compare({
    id: 'agent-executor/cheap-tasks',
    lab: 'agent-executor',
    title: { en: 'Bounded concurrency: 10k cheap async tasks, K = 16', zh: '有界并发：1 万个轻量异步任务，K = 16' },
    about: {
      en: 'Each task resolves at once, so the time is the executor’s own overhead per task: starting it, tracking the slot, collecting the result.',
      zh: '每个任务立即完成，所以测到的是执行器本身对每个任务的开销：启动、占用与释放并发槽位、收集结果。',
    },
  }, allThree(cheap, cheapConcurrency));

  const sleepy = () =>
    Array.from({ length: sized(2000, 200) }, (_, i): Task<number> => () => new Promise((resolve) => setTimeout(resolve, 1, i)));
  const sleepyConcurrency = 50;
  const sleepySuite = await compare({
    id: 'agent-executor/1ms-tasks',
    lab: 'agent-executor',
    title: { en: 'Bounded concurrency: 2000 tasks of ~1 ms each, K = 50', zh: '有界并发：2000 个各约 1 毫秒的任务，K = 50' },
    about: {
      en: 'Each task waits on a 1 ms timer, like a fast remote call. The best possible is K tasks per timer tick; what differs is how promptly a freed slot is refilled.',
      zh: '每个任务等待一个 1 毫秒的定时器，像一次很快的远程调用。最好的情况是每个定时器周期完成 K 个任务；差别在于空出的槽位被多快补上。',
    },
    behindBecause: {
      en: 'All three wait on the same 1 ms timers, so this ratio measures timer jitter more than the executors: a few percent either way is noise, not a slower executor.',
      zh: '三者等待的是同样的 1 毫秒定时器，所以这个倍数反映的更多是定时器的抖动而不是执行器本身：上下几个百分点只是噪声，并不代表执行器更慢。',
    },
  }, allThree(sleepy, sleepyConcurrency));

  const TIMEOUT_MS = 10_000; // never reached: this measures what arming and clearing a timeout costs
  const timeoutSuite = await compare({
    id: 'agent-executor/with-timeout',
    lab: 'agent-executor',
    title: { en: 'Bounded concurrency with a per-task timeout: 10k cheap tasks, K = 16', zh: '带单任务超时的有界并发：1 万个轻量任务，K = 16' },
    about: {
      en: 'The cheap tasks again, each under a 10 s timeout that never fires. The reference also gives each task an AbortSignal that aborts on timeout; p-queue only rejects the waiting promise. p-limit has no timeout.',
      zh: '同样的轻量任务，但每个都带一个不会触发的 10 秒超时。参考实现还给每个任务一个超时即中止的 AbortSignal；p-queue 只让等待的 promise 失败。p-limit 没有超时功能。',
    },
    behindBecause: {
      en: 'runAll gives every attempt its own AbortController and races the task against a timer, so a timed-out task is told to stop. p-queue only arms a timer: cheaper, but the task runs on unaware.',
      zh: 'runAll 为每次尝试创建一个 AbortController，并让任务与定时器赛跑，超时的任务会被通知停下；p-queue 只设一个定时器：更省，但任务并不知道自己已超时，会继续运行。',
    },
  }, [
    variant('reference runAll', 'reference', (tasks, concurrency) => runAll(tasks, { concurrency, timeoutMs: TIMEOUT_MS }), cheap, cheapConcurrency),
    variant('p-queue 9.3.5', 'library', (tasks, concurrency) => {
      const queue = new PQueue({ concurrency, timeout: TIMEOUT_MS });
      return Promise.allSettled(tasks.map((task) => queue.add(() => task(NO_SIGNAL))));
    }, cheap, cheapConcurrency),
  ]);

  return [cheapSuite, sleepySuite, timeoutSuite];
}

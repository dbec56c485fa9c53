// 3.1.1 Finding the real bottleneck
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: {
        zh: '一个函数占程序总耗时的 20%。你把它优化到原来的 4 倍快，其他部分不变。整个程序大约快了多少？',
        en: 'A function takes 20% of a program’s run time. You make it 4× faster and change nothing else. How much faster is the whole program?',
      },
      options: [
        {
          text: { zh: '4 倍', en: '4×' },
          why: { zh: '只有那 20% 变快了，另外 80% 一点没动，整体不可能跟着快 4 倍。', en: 'Only that 20% got faster; the other 80% did not move, so the whole cannot speed up 4×.' },
        },
        {
          text: { zh: '约 1.6 倍', en: 'About 1.6×' },
          why: { zh: '这相当于把 20% 的比例直接乘进了加速倍数，算法不对：要按时间相加，而不是按比例相乘。', en: 'That multiplies the 20% into the speed-up; times add up, they do not multiply that way.' },
        },
        {
          text: { zh: '1.25 倍', en: '1.25×' },
          why: { zh: '1.25 倍是把那 20% 完全消掉（变成 0）时的上限：1 / 0.8。只快 4 倍还到不了这里。', en: '1.25× is the limit if that 20% vanished entirely: 1 / 0.8. Four times faster does not get there.' },
        },
        {
          text: { zh: '约 1.18 倍', en: 'About 1.18×' },
          correct: true,
          why: {
            zh: '阿姆达尔定律：1 / ((1 − 0.2) + 0.2 / 4) = 1 / 0.85 ≈ 1.18。优化的上限由没动的那部分决定。',
            en: 'Amdahl’s law: 1 / ((1 − 0.2) + 0.2 / 4) = 1 / 0.85 ≈ 1.18. The part you did not touch sets the limit.',
          },
        },
      ],
    },
    {
      prompt: {
        zh: 'DevTools 的 CPU 剖析里，`handleRequest` 的总时间（Total time）是 900 ms，自身时间（Self time）只有 5 ms。这说明什么？',
        en: 'In a DevTools CPU profile, `handleRequest` has a total time of 900 ms and a self time of only 5 ms. What does that tell you?',
      },
      options: [
        {
          text: { zh: '`handleRequest` 自己的代码就是热点，应该先优化它', en: '`handleRequest`’s own code is the hot spot: optimize it first' },
          why: { zh: '它自己的代码只占 5 ms。优化这 5 ms 最多省下 5 ms。', en: 'Its own code accounts for 5 ms; optimizing that saves 5 ms at most.' },
        },
        {
          text: { zh: '时间花在它调用的函数里，应该顺着调用树往下找', en: 'The time goes into the functions it calls: follow the call tree down' },
          correct: true,
          why: {
            zh: '总时间包含子调用，自身时间不含。两者差这么多，说明 895 ms 花在它调用的东西上（例如循环里逐条查询）。',
            en: 'Total time includes callees and self time does not; the 895 ms gap is spent in what it calls (a query per loop iteration, say).',
          },
        },
        {
          text: { zh: '它被调用了 180 次，每次 5 ms', en: 'It was called 180 times, 5 ms each' },
          why: { zh: '采样剖析不给出调用次数，这两个时间也推不出次数；要次数就自己埋点计数。', en: 'A sampling profile has no call counts, and the two times do not imply one; count calls with instrumentation.' },
        },
        {
          text: { zh: '剖析器漏掉了大部分样本，结果不可信', en: 'The profiler missed most samples, so the result is unreliable' },
          why: { zh: '总时间远大于自身时间是最常见的正常情况，不是采样出了问题。', en: 'A total time far above the self time is the normal, common case, not a sampling failure.' },
        },
      ],
    },
    {
      prompt: {
        zh: '你给一个慢的批处理留了基线：墙钟时间 10 s，其中 CPU 时间只有 0.2 s（cpuShare = 0.02）。第一步该做什么？',
        en: 'Your baseline of a slow batch job says: 10 s of wall time, of which only 0.2 s is CPU time (cpuShare = 0.02). What should you try first?',
      },
      options: [
        {
          text: { zh: '把计算挪到 `worker_threads`，用上多核', en: 'Move the computation to `worker_threads` to use more cores' },
          why: { zh: '几乎没有计算可挪：CPU 只忙了 2% 的时间。工作线程帮的是 CPU 密集型任务。', en: 'There is hardly any computation to move: the CPU was busy 2% of the time. Workers help CPU-bound work.' },
        },
        {
          text: { zh: '重写热循环，减少每次迭代的计算量', en: 'Rewrite the hot loop to do less work per iteration' },
          why: { zh: '就算把 0.2 s 的计算降到 0，总时间也只少 2%。', en: 'Even cutting those 0.2 s of computing to zero saves 2% of the wall time.' },
        },
        {
          text: { zh: '让那些等待相互重叠：并发地发请求（并加上上限）', en: 'Overlap the waits: issue the requests concurrently (with a limit)' },
          correct: true,
          why: {
            zh: 'CPU 占比接近 0 说明程序大部分时间在等 I/O。等待可以重叠，这正是 3.2 节讲的方法。',
            en: 'A CPU share near 0 means the program mostly waits on I/O. Waits can overlap, which is what 3.2 is about.',
          },
        },
        {
          text: { zh: '用 `--max-old-space-size` 调大堆内存', en: 'Raise the heap limit with `--max-old-space-size`' },
          why: { zh: '基线里没有任何迹象说明内存是问题；调大堆只会推迟 OOM，不会让等待变短。', en: 'Nothing in the baseline points at memory; a bigger heap postpones an OOM and shortens no wait.' },
        },
      ],
    },
  ],
});

// 3.4.2 Memory
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '一个量不到内存的探针。这段代码打印什么？', en: 'A memory probe that could not measure. What does this print?' },
      code: {
        lang: 'ts',
        source: `const limitBytes = 1024 ** 3;
const readRss = (): number => Number(undefined); // the probe failed quietly
const used = readRss();
console.log(used > 0.8 * limitBytes ? 'clean up' : 'fine', used);`,
      },
      output: true,
      options: [
        {
          text: 'clean up NaN',
          why: { zh: '与 `NaN` 的任何比较都是 false，包括 `>`。', en: 'Every comparison with `NaN` is false, `>` included.' },
        },
        {
          text: 'fine NaN',
          correct: true,
          why: { zh: '读不到的数字让判断永远落在“没事”一边，清理永远不会发生，也没有任何报错：和原教材探针返回 0 是同一个错误。', en: 'The unreadable number makes the check land on “fine” for ever, so cleanup never runs and nothing complains: the same bug as the source’s probe returning 0.' },
        },
        {
          text: 'fine 0',
          why: { zh: '`Number(undefined)` 是 `NaN`，不是 0；不过结果一样糟：判断同样落在“没事”一边。', en: '`Number(undefined)` is `NaN`, not 0, though the outcome is just as bad: the check says “fine”.' },
        },
      ],
    },
    {
      prompt: {
        zh: '缓存里只保存了一个 50 MB 文件的前 64 字节：`new Uint8Array(await file.arrayBuffer(), 0, 64)`。这条缓存让多少内存保持存活？',
        en: 'A cache keeps only the first 64 bytes of a 50 MB file: `new Uint8Array(await file.arrayBuffer(), 0, 64)`. How much memory does that entry keep alive?',
      },
      options: [
        {
          text: { zh: '64 字节：它的 `byteLength` 就是 64', en: '64 bytes: its `byteLength` is 64' },
          why: { zh: '`byteLength` 只是视图看到的那段；视图引用着整个缓冲区。', en: '`byteLength` is only the slice the view sees; the view references the whole buffer.' },
        },
        {
          text: { zh: '约 50 MB：视图让整个底层缓冲区保持可达', en: 'About 50 MB: the view keeps its whole buffer reachable' },
          correct: true,
          why: { zh: '看 `view.buffer.byteLength`。只想留 64 字节，就复制一份：`header.slice()`。', en: 'Look at `view.buffer.byteLength`. To keep only 64 bytes, copy them: `header.slice()`.' },
        },
        {
          text: { zh: '0：类型化数组的数据在堆外，不算', en: 'Nothing: typed array data lives off the heap and does not count' },
          why: { zh: '堆外的内存照样占用进程的内存，`process.memoryUsage()` 的 `arrayBuffers` 一项算的就是它。', en: 'Off-heap memory is still the process’s memory; `process.memoryUsage().arrayBuffers` counts it.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个按字节预算的存储，`maxBytes = 100`，里面有 a（优先级 0，40 字节，最早访问）和 b（优先级 5，40 字节）。再放入 c（优先级 0，30 字节），会发生什么？',
        en: 'A byte-budgeted store with `maxBytes = 100` holds a (priority 0, 40 bytes, least recently used) and b (priority 5, 40 bytes). Then c comes in (priority 0, 30 bytes). What happens?',
      },
      options: [
        {
          text: { zh: '淘汰 b：它更大', en: 'b is evicted: it is larger' },
          why: { zh: '两者一样大；而且淘汰先看优先级，b 的优先级更高，最后才轮到它。', en: 'They are the same size, and eviction looks at priority first: b, at priority 5, goes last.' },
        },
        {
          text: { zh: '淘汰 a，c 放进来，共用 70 字节', en: 'a is evicted and c comes in: 70 bytes used' },
          correct: true,
          why: { zh: '80 + 30 > 100，必须腾出位置；优先级最低的是 a 和 c 所在的 0 级，其中最久未用的是 a。', en: '80 + 30 > 100, so room is needed; the lowest priority present is 0, and its least recently used entry is a.' },
        },
        {
          text: { zh: '拒绝 c，抛出 RangeError', en: 'c is refused with a RangeError' },
          why: { zh: '只有单个值比整个预算（100 字节）还大时才拒绝；30 字节腾一腾就放得下。', en: 'Only a value larger than the whole budget (100 bytes) is refused; 30 bytes fit once room is made.' },
        },
      ],
    },
    {
      prompt: {
        zh: '两个对象互相引用，但从任何根（全局对象、调用栈、活动的闭包）都走不到它们。在 V8 里会怎样？',
        en: 'Two objects refer to each other, but no root (the global object, the stack, live closures) reaches them. What happens in V8?',
      },
      options: [
        {
          text: { zh: '它们会一起被回收：追踪式回收器只看可达性', en: 'They are collected together: a tracing collector only asks whether they are reachable' },
          correct: true,
          why: { zh: '循环引用本身不会在 V8 里造成泄漏；JavaScript 的泄漏几乎都是“无意中仍然可达”。', en: 'A cycle by itself does not leak in V8; JavaScript leaks are nearly always things still reachable by accident.' },
        },
        {
          text: { zh: '永远不会被回收：引用计数永远不为 0', en: 'They are never collected: their reference counts never reach 0' },
          why: { zh: '那是纯引用计数的问题（CPython 靠额外的循环回收器解决）；V8 不靠引用计数。', en: 'That is a problem of pure reference counting (CPython adds a cycle collector); V8 does not count references.' },
        },
        {
          text: { zh: '要用 `WeakRef` 打破环才会被回收', en: 'Only if a `WeakRef` breaks the cycle' },
          why: { zh: '不需要：不可达就够了。`WeakRef` 是给“不想让对象因我而存活”的场合用的。', en: 'No need: being unreachable is enough. `WeakRef` is for holding an object without keeping it alive.' },
        },
      ],
    },
  ],
});

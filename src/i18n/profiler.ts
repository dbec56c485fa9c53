// Every sentence of the Profile panel on a lab page (src/profiler/), per locale. The
// button's label is rendered with the page; the rest is looked up by the panel once a
// learner opens it.
import { defineMessages } from './messages';

export const profilerText = defineMessages({
  'button.profile': '性能剖析',
  'button.stop': '停止剖析',
  'button.title': '在你的代码和参考答案上运行本实验的工作负载，看时间花在哪里',
  'button.loadFailed': '剖析器加载失败：{reason}',

  'panel.title': '时间花在哪里',
  'panel.workload': '工作负载：{title}',
  'panel.about': '这是怎么测量的',
  'panel.method': '这是确定性剖析（插桩）：你的每个函数在进入和返回时都会记时，所以调用次数是精确的，不受计时器精度影响。内置方法（indexOf、splice、shift、sort 等）在调用处单独计时，O(n) 的扫描会作为“内置”一行出现在调用它的函数下面。时间指占用 CPU 的时间：async 函数在 await 中等待时不计时。',
  'panel.overhead': '插桩让每次调用都多花同样一点时间。每一边还会在不插桩的情况下再运行一次：两次用时之差除以调用次数，就是每次调用的开销，下面的时间已按调用次数扣除它，就像 Python 的 profile 模块扣除校准值一样。这是估计，很小又调用极频繁的函数最不准，看它们时请结合调用次数。',
  'panel.cli': '用 V8 的采样剖析器在命令行运行同一个工作负载，结果可以在 Chrome DevTools 或 speedscope 中打开：',
  'panel.noWorkload': '这个实验还没有可剖析的工作负载。',
  'panel.idle': '点击“性能剖析”，同一个工作负载会先在你的代码上运行，再在参考答案上运行。',

  'side.learner': '你的代码',
  'side.reference': '参考答案',
  'side.waiting': '等待中…',
  'side.running': '正在剖析…',
  'side.summary': '{calls} 次函数调用。不剖析时运行用时 {plain} ms，剖析时 {ms} ms：插桩让每次调用多花约 {ns} ns，下面的时间已扣除。',
  'side.summaryRaw': '{calls} 次函数调用。剖析时运行用时 {ms} ms，含插桩开销。',
  'side.timing': '正在不插桩地再运行一次，测量真实用时…',
  'side.compare': '不剖析时，你的代码用时是参考答案的 {ratio} 倍（{learner} ms 对 {reference} ms）。',
  'side.threw': '工作负载运行时抛出了错误：{message}',
  'side.failed': '无法剖析：{reason}',

  'hot.builtin': '最耗时：{name}（内置方法），在 {caller} 中调用（{file} 第 {line} 行），占运行时间的 {share}%。',
  'hot.function': '最耗时：{name}（{file} 第 {line} 行），它自己的代码占运行时间的 {share}%。',

  'table.caption': '{side}：函数按自身时间排序。自身时间只算函数自己的代码；总时间还包括它调用的一切。',
  'table.function': '函数',
  'table.calls': '调用次数',
  'table.self': '自身时间',
  'table.total': '总时间',
  'table.where': '位置',
  'table.more': '另有 {n} 个函数未列出。',
  'table.time': '{ms} ms · {share}%',
  'table.sortBy': '按{column}排序',

  'frame.builtin': '{name}（内置）',
  'frame.anonymousIn': '（匿名函数，位于 {context}）',
  'frame.anonymous': '（匿名函数）',
  'frame.root': '（整个运行）',
  'frame.calledFrom': '由 {caller} 调用',
  'frame.goto': '在编辑器中打开 {file} 第 {line} 行',
  'frame.tooltip': '{name}\n自身 {self} ms · 总计 {total} ms（{share}%）· {calls} 次调用',

  'flame.label': '{side}的火焰图：自上而下的调用树，宽度表示总时间。点击一个函数放大它，点击顶行还原。',
  'legend.lab': '实验代码',
  'legend.workload': '工作负载',
  'legend.builtin': '内置方法',

  'stop.idle': '{seconds} 秒内没有任何进展，剖析已停止：检查是否有一个不调用任何函数的死循环。代码仍在编辑器里。',
  'stop.total': '剖析超过 {seconds} 秒仍未结束，已停止：你的代码可能比参考答案慢得多，或者陷入了死循环。',
  'stop.user': '剖析已停止。',
  'stop.crash': '剖析意外中止：{detail}',
  'status.done': '剖析完成。',
}, {
  'button.profile': 'Profile',
  'button.stop': 'Stop profiling',
  'button.title': 'Run this lab\'s workload on your code and on the reference, and see where the time goes',
  'button.loadFailed': 'The profiler failed to load: {reason}',

  'panel.title': 'Where the time goes',
  'panel.workload': 'Workload: {title}',
  'panel.about': 'How this is measured',
  'panel.method': 'This is deterministic profiling (instrumentation): each of your functions is timed as it enters and returns, so call counts are exact and do not depend on the timer\'s resolution. Built-in methods (indexOf, splice, shift, sort…) are timed where they are called, so an O(n) scan shows up as a "built-in" row under the function that calls it. Times are time on the CPU: an async function waiting in await is charged nothing.',
  'panel.overhead': 'Instrumentation costs every call the same small amount of time. Each side also runs once without it: the difference between the two runs, divided by the number of calls, is taken out of each function\'s time by its call count, as Python\'s profile module takes out its calibrated bias. It is an estimate, least certain for tiny functions called very often: read those together with their call counts.',
  'panel.cli': 'The same workload under V8\'s sampling profiler, from the command line (the result opens in Chrome DevTools or speedscope):',
  'panel.noWorkload': 'This lab has no workload to profile yet.',
  'panel.idle': 'Click Profile: the same workload runs on your code first, then on the reference solution.',

  'side.learner': 'Your code',
  'side.reference': 'Reference solution',
  'side.waiting': 'Waiting…',
  'side.running': 'Profiling…',
  'side.summary': '{calls} function calls. Without the profiler the run took {plain} ms, profiled {ms} ms: instrumentation cost about {ns} ns a call, taken out of the times below.',
  'side.summaryRaw': '{calls} function calls. The profiled run took {ms} ms, instrumentation included.',
  'side.timing': 'Running once more without instrumentation, for the real time…',
  'side.compare': 'Without the profiler, your code took {ratio}× as long as the reference ({learner} ms against {reference} ms).',
  'side.threw': 'The workload threw an error: {message}',
  'side.failed': 'Cannot profile: {reason}',

  'hot.builtin': 'Most time: {name} (a built-in), called from {caller} ({file}, line {line}): {share}% of the run.',
  'hot.function': 'Most time: {name} ({file}, line {line}): {share}% of the run in its own code.',

  'table.caption': '{side}: functions by self time. Self time counts the function\'s own code; total time also counts everything it calls.',
  'table.function': 'Function',
  'table.calls': 'Calls',
  'table.self': 'Self time',
  'table.total': 'Total time',
  'table.where': 'Where',
  'table.more': '{n} more functions not shown.',
  'table.time': '{ms} ms · {share}%',
  'table.sortBy': 'Sort by {column}',

  'frame.builtin': '{name} (built-in)',
  'frame.anonymousIn': '(anonymous, in {context})',
  'frame.anonymous': '(anonymous)',
  'frame.root': '(whole run)',
  'frame.calledFrom': 'called from {caller}',
  'frame.goto': 'Open {file}, line {line} in the editor',
  'frame.tooltip': '{name}\nself {self} ms · total {total} ms ({share}%) · {calls} calls',

  'flame.label': 'Flame graph of {side}: the call tree top-down, width is total time. Click a function to zoom in, the top row to zoom out.',
  'legend.lab': 'lab code',
  'legend.workload': 'workload',
  'legend.builtin': 'built-in',

  'stop.idle': 'No progress for {seconds} s, so profiling was stopped: look for an infinite loop that calls no function. Your code is still in the editor.',
  'stop.total': 'Profiling did not finish within {seconds} s and was stopped: your code may be far slower than the reference, or loop forever.',
  'stop.user': 'Profiling stopped.',
  'stop.crash': 'Profiling stopped unexpectedly: {detail}',
  'status.done': 'Profiling done.',
});

export type ProfilerKey = Parameters<typeof profilerText.t>[1];

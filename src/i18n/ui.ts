// Every user-facing string of the course components (chapters, demos, lab links), per
// locale. Components never hold text of their own: they look it up here with
// `useStrings(locale)`. Strings with `{name}` placeholders are filled by `fill()`, on the
// server or in the page (components pass the strings a script needs through a data attribute).
import { defineMessages } from './messages';
import { localeOf, localePath, type Locale } from './locale';
import { fill } from './text';

const zh = {
  'objectives.progress': '已完成 {done} / {total}',
  'objectives.reset': '清除勾选',

  'quiz.title': '检查一下你的理解',
  'quiz.check': '检查',
  'quiz.right': '答对了。',
  'quiz.wrong': '不对，正确答案是 {answer}。',
  'quiz.pick': '先选一个答案。',
  'quiz.whyRight': '正确：',
  'quiz.whyWrong': '错误：',
  'quiz.progress': '答对 {correct} / {total} 题',
  'quiz.reset': '清除作答',

  'lablink.kicker': '动手实验',
  'lablink.open': '打开实验',
  'lablink.pending': '实验「{slug}」即将上线',

  'labindex.title': '全部实验',
  'labindex.intro': '每个实验对应章节中的一节：在浏览器里编辑代码、运行评分器，也可以在命令行用 workbook grade 评分。',
  'labindex.section': '小节',
  'labindex.lab': '实验',
  'labindex.points': '分值',
  'labindex.tasks': '任务数',
  'labindex.sidebar': '全部实验',

  'demo.run': '运行',
  'demo.running': '运行中…',
  'demo.reset': '重置',
  'demo.ms': '{value} ms',

  'concurrency.title': '演示：串行、限流并发与无限并发',
  'concurrency.intro': '每个模拟智能体要等待 100–400 ms 的 I/O（时长由固定种子生成，三种方式用同一组时长）。点“运行”后依次测量三种方式的墙钟时间。',
  'concurrency.agents': '智能体数量',
  'concurrency.limit': '并发上限（信号量）',
  'concurrency.serial': '串行（逐个 await）',
  'concurrency.bounded': '限流并发（上限 {limit}）',
  'concurrency.unbounded': '无限并发（Promise.all）',
  'concurrency.wall': '墙钟时间',
  'concurrency.speedup': '比串行快 {x}×',
  'concurrency.maxInFlight': '同时在途最多 {n} 个',
  'concurrency.timeline': '时间线：每一行是一个智能体，横轴按串行总时长缩放',
  'concurrency.pending': '尚未运行',

  'lru.title': '演示：LRU 缓存',
  'lru.intro': '用 get/set 操作一个小容量 LRU。列表从最近使用（MRU）排到最久未用（LRU）；容量满时再 set 新键，会淘汰最右边的键。',
  'lru.capacity': '容量',
  'lru.key': '键',
  'lru.value': '值',
  'lru.get': 'get(键)',
  'lru.set': 'set(键, 值)',
  'lru.order': '使用顺序：MRU → LRU',
  'lru.empty': '（缓存为空）',
  'lru.hits': '命中',
  'lru.misses': '未命中',
  'lru.hitRate': '命中率',
  'lru.evicted': '被淘汰：{key}',
  'lru.noneEvicted': '还没有淘汰',
  'lru.log.hit': 'get({key}) 命中 → {value}，{key} 移到最前',
  'lru.log.miss': 'get({key}) 未命中',
  'lru.log.set': 'set({key}, {value})，{key} 移到最前',
  'lru.log.evict': 'set({key}, {value})，容量已满，淘汰 {evicted}',
  'lru.log.resize': '容量改为 {capacity}',
  'lru.needKey': '请先输入键',

  'sim.title': '演示：两级缓存模拟器',
  'sim.intro': '在页面里用固定种子模拟 {requests} 次请求，键空间 {keys} 个，访问频率服从 Zipf 分布。L1 是进程内 LRU（约 0.02 ms），L2 是共享缓存（容量 {l2} 个键），都未命中时查数据库并回填两级缓存。',
  'sim.l1Size': 'L1 容量（键）',
  'sim.skew': '键的偏斜度（Zipf s）',
  'sim.l2Latency': 'L2 延迟',
  'sim.dbLatency': '数据库延迟',
  'sim.l1HitRate': 'L1 命中率',
  'sim.l2HitRate': 'L2 命中率（占 L1 未命中）',
  'sim.dbShare': '落到数据库的请求',
  'sim.avg': '平均延迟',
  'sim.p99': 'p99 延迟',
  'sim.note': '偏斜度越高，少数热键占的请求越多，小小的 L1 就能挡住大部分请求；平均值好看时，p99 仍由落到数据库的那部分决定。',

  'pct.title': '演示：平均值为什么会掩盖长尾',
  'pct.intro': '生成 {n} 个延迟样本：大部分来自对数正态分布，另有一小部分慢请求（1–3 s）。拖动滑块改变慢请求的占比，看各个统计量怎么变化。',
  'pct.outliers': '慢请求占比',
  'pct.resample': '换一组样本',
  'pct.method': '百分位用“最近秩”法计算：把 n 个样本从小到大排序，第 p 百分位取第 ⌈p/100 × n⌉ 个值。',
  'pct.mean': '平均值',
  'pct.axis': '延迟（ms，对数刻度）',
  'pct.count': '样本数',
  'pct.chart': '延迟分布直方图，竖线标出平均值、p50、p95 和 p99',
  'pct.insight': '平均值 {mean} 比中位数高 {ratio}×，却看不出有 {share} 的请求要等 1 秒以上；p99 = {p99} 才把这条长尾暴露出来。',
  'pct.insightNone': '没有慢请求时，平均值和中位数接近，p99 也只比中位数高几倍。',
} as const;

export type UiKey = keyof typeof zh;
export type UiStrings = Record<UiKey, string>;

const en: UiStrings = {
  'objectives.progress': '{done} of {total} done',
  'objectives.reset': 'Clear ticks',

  'quiz.title': 'Check your understanding',
  'quiz.check': 'Check',
  'quiz.right': 'Correct.',
  'quiz.wrong': 'Not quite: the right answer is {answer}.',
  'quiz.pick': 'Pick an answer first.',
  'quiz.whyRight': 'Right:',
  'quiz.whyWrong': 'Wrong:',
  'quiz.progress': '{correct} of {total} correct',
  'quiz.reset': 'Clear answers',

  'lablink.kicker': 'Hands-on lab',
  'lablink.open': 'Open the lab',
  'lablink.pending': 'Lab “{slug}” is coming soon',

  'labindex.title': 'All labs',
  'labindex.intro': 'Each lab belongs to a section of the chapter: edit the code and run the graders in the browser, or grade it from the command line with workbook grade.',
  'labindex.section': 'Section',
  'labindex.lab': 'Lab',
  'labindex.points': 'Points',
  'labindex.tasks': 'Tasks',
  'labindex.sidebar': 'All labs',

  'demo.run': 'Run',
  'demo.running': 'Running…',
  'demo.reset': 'Reset',
  'demo.ms': '{value} ms',

  'concurrency.title': 'Demo: serial, bounded and unbounded concurrency',
  'concurrency.intro': 'Each simulated agent waits 100–400 ms on I/O (durations come from a fixed seed, the same for all three runs). Run measures the wall time of the three approaches one after another.',
  'concurrency.agents': 'Agents',
  'concurrency.limit': 'Concurrency limit (semaphore)',
  'concurrency.serial': 'Serial (await one by one)',
  'concurrency.bounded': 'Bounded (limit {limit})',
  'concurrency.unbounded': 'Unbounded (Promise.all)',
  'concurrency.wall': 'Wall time',
  'concurrency.speedup': '{x}× faster than serial',
  'concurrency.maxInFlight': 'at most {n} in flight',
  'concurrency.timeline': 'Timeline: one row per agent, time axis scaled to the serial run',
  'concurrency.pending': 'not run yet',

  'lru.title': 'Demo: an LRU cache',
  'lru.intro': 'Drive a small LRU with get and set. The list runs from most recently used (MRU) to least recently used (LRU); a set of a new key on a full cache evicts the rightmost key.',
  'lru.capacity': 'Capacity',
  'lru.key': 'Key',
  'lru.value': 'Value',
  'lru.get': 'get(key)',
  'lru.set': 'set(key, value)',
  'lru.order': 'Recency: MRU → LRU',
  'lru.empty': '(empty cache)',
  'lru.hits': 'Hits',
  'lru.misses': 'Misses',
  'lru.hitRate': 'Hit rate',
  'lru.evicted': 'Evicted: {key}',
  'lru.noneEvicted': 'Nothing evicted yet',
  'lru.log.hit': 'get({key}) hit → {value}; {key} moves to the front',
  'lru.log.miss': 'get({key}) missed',
  'lru.log.set': 'set({key}, {value}); {key} moves to the front',
  'lru.log.evict': 'set({key}, {value}) on a full cache evicts {evicted}',
  'lru.log.resize': 'capacity is now {capacity}',
  'lru.needKey': 'Enter a key first',

  'sim.title': 'Demo: a two-level cache simulator',
  'sim.intro': 'Simulates {requests} requests in the page with a fixed seed, over {keys} keys with Zipf-distributed popularity. L1 is an in-process LRU (about 0.02 ms), L2 a shared cache holding {l2} keys; a miss in both reads the database and fills both levels.',
  'sim.l1Size': 'L1 size (keys)',
  'sim.skew': 'Key skew (Zipf s)',
  'sim.l2Latency': 'L2 latency',
  'sim.dbLatency': 'Database latency',
  'sim.l1HitRate': 'L1 hit rate',
  'sim.l2HitRate': 'L2 hit rate (of L1 misses)',
  'sim.dbShare': 'Requests reaching the database',
  'sim.avg': 'Average latency',
  'sim.p99': 'p99 latency',
  'sim.note': 'The more skewed the keys, the more requests a few hot keys take, and a small L1 absorbs most of them; even when the average looks good, p99 is set by the share that reaches the database.',

  'pct.title': 'Demo: why the mean hides the tail',
  'pct.intro': 'Generates {n} latency samples: most from a lognormal distribution, plus a small share of slow requests (1–3 s). Move the slider to change that share and watch each statistic.',
  'pct.outliers': 'Share of slow requests',
  'pct.resample': 'New samples',
  'pct.method': 'Percentiles use the nearest-rank method: sort the n samples ascending; the p-th percentile is the value at rank ⌈p/100 × n⌉.',
  'pct.mean': 'mean',
  'pct.axis': 'latency (ms, log scale)',
  'pct.count': 'samples',
  'pct.chart': 'Histogram of latencies with vertical lines at the mean, p50, p95 and p99',
  'pct.insight': 'The mean, {mean}, is {ratio}× the median yet does not show that {share} of requests wait over a second; only p99 = {p99} exposes that tail.',
  'pct.insightNone': 'With no slow requests the mean sits near the median, and p99 is only a few times the median.',
};

/** The course components' table (see messages.ts for the mechanism all tables share). */
export const uiText = defineMessages(zh, en);

/** All strings of a locale, for a component's frontmatter. */
export const useStrings = uiText.strings;
/** The strings a page script needs, to pass through a `data-strings` attribute. */
export const pickStrings = uiText.pick;

// Components import these from here along with their strings.
export { fill, localeOf, localePath, type Locale };

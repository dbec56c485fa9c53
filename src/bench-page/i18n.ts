// Every user-facing string of the benchmark page (/bench/, /en/bench/), per locale.
// Suite titles and explanations live with the benches (bench/*.bench.ts) and arrive in the JSON.
import type { Locale } from '../i18n/locale';

const zh = {
  'page.title': '参考实现 vs 常用库：基准测试',
  'page.description': '本课程各实验的参考实现与学习者原本会安装的 npm 库，在同一进程、同一轮次中的对比结果。',
  'page.intro':
    '你在实验里要写的代码，能不能比直接装一个库更快？下面每张图都来自同一次运行：参考实现与各个库在同一进程中交替执行（每轮轮换起跑顺序），各跑 {rounds} 轮，取中位数。柱子越高越快。',
  'page.ratios': '机器繁忙时，绝对的纳秒数会被放大，但同一轮里交替测得的倍数依然可比：请看倍数，而不是绝对值。',
  'machine.heading': '测量环境',
  'machine.date': '日期',
  'machine.cpu': 'CPU',
  'machine.cores': '{cores} 核',
  'machine.node': 'Node',
  'machine.load': '负载均值（1/5/15 分钟）',
  'machine.loadValue': '开始时 {start}，结束时 {end}',
  'machine.busy': '这次运行时机器很忙（负载均值高于核数）：倍数仍可参考，但波动更大。',
  'machine.duration': '用时',
  'machine.seconds': '{s} 秒',
  'machine.quick': '这是 --quick 快速运行的结果，数字不具代表性。',
  'role.reference': '参考实现',
  'role.library': '库',
  'role.baseline': '基线',
  'chart.label': '{title}：每秒操作数，{scale}',
  'chart.linear': '线性刻度',
  'chart.log': '对数刻度',
  'chart.axis': '每秒操作数',
  'table.variant': '实现',
  'table.role': '类型',
  'table.ns': '纳秒/次（中位数）',
  'table.ops': '次/秒',
  'table.ratio': '参考实现的倍数',
  'verdict.ahead': '参考实现的吞吐量是最快的库（{library}）的 {ratio}×：领先。',
  'verdict.level': '参考实现的吞吐量是最快的库（{library}）的 {ratio}×：持平（相差在 {tolerance}% 以内）。',
  'verdict.behind': '参考实现的吞吐量只有最快的库（{library}）的 {ratio}×：落后。',
  'verdict.why': '原因：',
  'rerun.heading': '自己重跑',
  'rerun.text': '在仓库根目录运行下面的命令，几分钟后会打印每组的表格，并把结果写入 bench/results/latest.json（本页构建时读取它）：',
  'rerun.quick': '加上 --quick 只跑很小的工作量（用于测试），加上实验名只跑那一个文件，例如：',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'page.title': 'References against the libraries: benchmarks',
  'page.description': 'The course’s reference solutions against the npm libraries a learner would otherwise install, measured in one process, in one run.',
  'page.intro':
    'Can the code you write in the labs beat installing a library? Each chart below comes from one run: the reference and the libraries run interleaved in one process (the starting variant rotates every round), {rounds} rounds each, medians reported. Taller bars are faster.',
  'page.ratios': 'On a busy machine absolute nanoseconds are inflated, but ratios measured interleaved in the same rounds still compare: read the ratios, not the absolute values.',
  'machine.heading': 'Where this was measured',
  'machine.date': 'Date',
  'machine.cpu': 'CPU',
  'machine.cores': '{cores} cores',
  'machine.node': 'Node',
  'machine.load': 'Load average (1/5/15 min)',
  'machine.loadValue': '{start} at the start, {end} at the end',
  'machine.busy': 'The machine was busy during this run (load average above the core count): the ratios still hold, but with more noise.',
  'machine.duration': 'Duration',
  'machine.seconds': '{s} s',
  'machine.quick': 'These are results of a --quick run: not representative numbers.',
  'role.reference': 'reference',
  'role.library': 'library',
  'role.baseline': 'baseline',
  'chart.label': '{title}: operations per second, {scale}',
  'chart.linear': 'linear scale',
  'chart.log': 'log scale',
  'chart.axis': 'ops/s',
  'table.variant': 'Implementation',
  'table.role': 'Kind',
  'table.ns': 'ns/op (median)',
  'table.ops': 'ops/s',
  'table.ratio': 'Reference ×',
  'verdict.ahead': 'The reference has {ratio}× the throughput of the fastest library ({library}): ahead.',
  'verdict.level': 'The reference has {ratio}× the throughput of the fastest library ({library}): level (within {tolerance}%).',
  'verdict.behind': 'The reference has only {ratio}× the throughput of the fastest library ({library}): behind.',
  'verdict.why': 'Why: ',
  'rerun.heading': 'Run it yourself',
  'rerun.text': 'From the repository root, this prints one table per workload after a few minutes and writes bench/results/latest.json (which this page is built from):',
  'rerun.quick': 'Add --quick for tiny workloads (for tests), or a lab’s name to run only that file, for example:',
};

const dictionaries: Record<Locale, Record<Key, string>> = { zh, en };

/** Looks a string up and fills `{name}` placeholders. */
export function t(locale: Locale, key: Key, vars: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

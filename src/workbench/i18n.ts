// Every user-facing string of the lab workbench and its runtimes, per locale.
// Components and scripts look text up here; none is written inline.
import type { Locale } from '../i18n/locale';

const zh = {
  'page.instructions': '说明',
  'page.tasks': '任务',
  'page.targets': '延迟目标',
  'page.points': '{points} 分',
  'page.hint': '提示',
  'page.perf': '性能',
  'page.nodeOnly': '只在命令行评分（需要 Node）',
  'page.hiddenTask': '隐藏检查（只在命令行评分）',
  'page.cli': '在本地用命令行评分：',

  'editor.loading': '正在加载编辑器…',
  'editor.failed': '编辑器加载失败：{reason}',
  'editor.label': '代码编辑器：{file}',
  'editor.files': '文件',
  'editor.readonly': '只读',
  'editor.grader': '评分测试',
  'editor.solution': '参考答案（只读）：{file}',
  'editor.keys': '键盘：Ctrl/⌘ + Enter 运行评分；在编辑器里按 Ctrl + M 切换 Tab 键是缩进还是移动焦点。',

  'run.button': '运行评分',
  'run.running': '评分中…',
  'run.shortcut': 'Ctrl/⌘ + Enter',
  'run.progress': '正在运行：{test}',

  'runtime.label': '运行环境',
  'runtime.worker': '离线（浏览器 Worker）',
  'runtime.webcontainer': 'WebContainer（Node）',
  'runtime.needsIsolation': 'WebContainer 需要跨源隔离（COOP/COEP）的页面，这里不可用',
  'runtime.booting': '正在启动 WebContainer…',
  'runtime.installing': '正在 WebContainer 中安装 Vitest…',
  'runtime.fallback': 'WebContainer 无法启动（{reason}），评分改在离线 Worker 中进行。',
  'runtime.bootTimeout': '{seconds} 秒内没有启动完成',
  'runtime.licence': 'WebContainer 由 StackBlitz 提供，需要联网；商业用途需要 StackBlitz 的许可。',
  'runtime.terminal': '终端输出',

  'summary.idle': '还没有运行。点击“运行评分”或按 Ctrl/⌘ + Enter。',
  'summary.pass': '全部通过：{score} / {max} 分',
  'summary.fail': '未全部通过：{score} / {max} 分',
  'summary.error': '无法评分：{message}',
  'summary.duration': '用时 {ms} ms · {runtime}',

  'status.pass': '通过',
  'status.fail': '未通过',
  'status.error': '出错',
  'status.skip': '跳过',

  'task.score': '{score} / {points} 分',
  'test.expected': '期望',
  'test.received': '实际',
  'test.diff': '差异（- 期望，+ 实际）',
  'test.goto': '跳到 {location}',
  'perf.measured': '测得 {observed} {unit}，目标 {cmp} {target} {unit}',
  'perf.samples': '{n} 个样本的分布',

  'timeout.message': '评分在 {seconds} 秒内没有进展，已停止{where}。检查是否有死循环或无限增长的内存。代码仍在编辑器里，修改后再运行即可。',
  'timeout.where': '（停在任务 {task} 的测试“{test}”）',
  'timeout.total': '评分超过 {seconds} 秒仍未结束，已停止{where}。检查是否有死循环或永远不会完成的 Promise。代码仍在编辑器里。',
  'crash.message': '评分 Worker 崩溃：{detail}',
  'compile.marker': '无法编译：{reason}',

  'actions.reset': '恢复初始代码',
  'actions.resetDone': '已恢复为初始代码。',
  'actions.undo': '撤销',
  'actions.undone': '已撤销恢复，你的代码回来了。',
  'actions.solution': '查看参考答案',
  'actions.hideSolution': '隐藏参考答案',
  'actions.solutionTitle': '要查看参考答案吗？',
  'actions.solutionBody': '先自己做完会学到更多。参考答案会以只读方式显示在你的代码旁边，你的代码不会被改动。',
  'actions.confirm': '查看',
  'actions.cancel': '取消',
  'actions.solutionMissing': '这个实验还没有参考答案。',
  'actions.download': '下载文件',
  'actions.import': '导入文件',
  'actions.importDone': '已导入 {n} 个文件。',
  'actions.importBad': '无法导入：{reason}',
  'actions.importNone': '没有与本实验匹配的文件（需要 {files}）。',

  'storage.saved': '已保存在本浏览器',
  'storage.restored': '已恢复你上次保存的代码。',
  'storage.failed': '无法保存到本浏览器：{reason}',
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'page.instructions': 'Instructions',
  'page.tasks': 'Tasks',
  'page.targets': 'Latency targets',
  'page.points': '{points} pts',
  'page.hint': 'Hint',
  'page.perf': 'performance',
  'page.nodeOnly': 'graded by the CLI only (needs Node)',
  'page.hiddenTask': 'hidden check (graded by the CLI only)',
  'page.cli': 'Grade locally from the command line:',

  'editor.loading': 'Loading the editor…',
  'editor.failed': 'The editor failed to load: {reason}',
  'editor.label': 'Code editor: {file}',
  'editor.files': 'Files',
  'editor.readonly': 'read-only',
  'editor.grader': 'grader',
  'editor.solution': 'Reference solution (read-only): {file}',
  'editor.keys': 'Keyboard: Ctrl/⌘ + Enter runs the graders; in the editor, Ctrl + M switches Tab between indenting and moving focus.',

  'run.button': 'Run graders',
  'run.running': 'Grading…',
  'run.shortcut': 'Ctrl/⌘ + Enter',
  'run.progress': 'Running: {test}',

  'runtime.label': 'Runtime',
  'runtime.worker': 'Offline (browser worker)',
  'runtime.webcontainer': 'WebContainer (Node)',
  'runtime.needsIsolation': 'WebContainer needs a cross-origin isolated page (COOP/COEP); not available here',
  'runtime.booting': 'Starting WebContainer…',
  'runtime.installing': 'Installing Vitest inside WebContainer…',
  'runtime.fallback': 'WebContainer could not start ({reason}); grading runs in the offline worker instead.',
  'runtime.bootTimeout': 'it did not start within {seconds} s',
  'runtime.licence': 'WebContainer is provided by StackBlitz and needs the network; commercial use needs a StackBlitz licence.',
  'runtime.terminal': 'Terminal output',

  'summary.idle': 'Not run yet. Press “Run graders” or Ctrl/⌘ + Enter.',
  'summary.pass': 'All passed: {score} / {max} points',
  'summary.fail': 'Not all passed: {score} / {max} points',
  'summary.error': 'Could not grade: {message}',
  'summary.duration': '{ms} ms · {runtime}',

  'status.pass': 'pass',
  'status.fail': 'fail',
  'status.error': 'error',
  'status.skip': 'skipped',

  'task.score': '{score} / {points} pts',
  'test.expected': 'Expected',
  'test.received': 'Received',
  'test.diff': 'Difference (- expected, + received)',
  'test.goto': 'Go to {location}',
  'perf.measured': 'measured {observed} {unit}, target {cmp} {target} {unit}',
  'perf.samples': 'distribution of {n} samples',

  'timeout.message': 'Grading made no progress for {seconds} s and was stopped{where}. Look for an infinite loop or memory that grows without bound. Your code is still in the editor: fix it and run again.',
  'timeout.where': ' (in test “{test}” of task {task})',
  'timeout.total': 'Grading did not finish within {seconds} s and was stopped{where}. Look for an infinite loop or a promise that never settles. Your code is still in the editor.',
  'crash.message': 'The grading worker crashed: {detail}',
  'compile.marker': 'Does not compile: {reason}',

  'actions.reset': 'Reset to scaffold',
  'actions.resetDone': 'Files reset to the scaffold.',
  'actions.undo': 'Undo',
  'actions.undone': 'Reset undone: your code is back.',
  'actions.solution': 'Show solution',
  'actions.hideSolution': 'Hide solution',
  'actions.solutionTitle': 'Show the reference solution?',
  'actions.solutionBody': 'You learn more by finishing it yourself. The solution opens read-only beside your code; your code stays as it is.',
  'actions.confirm': 'Show it',
  'actions.cancel': 'Cancel',
  'actions.solutionMissing': 'This lab has no reference solution yet.',
  'actions.download': 'Download files',
  'actions.import': 'Import files',
  'actions.importDone': 'Imported {n} file(s).',
  'actions.importBad': 'Could not import: {reason}',
  'actions.importNone': 'No file matches this lab (it needs {files}).',

  'storage.saved': 'Saved in this browser',
  'storage.restored': 'Restored the code you saved last time.',
  'storage.failed': 'Could not save in this browser: {reason}',
};

export const dictionaries: Record<Locale, Record<Key, string>> = { zh, en };

/** Looks a string up and fills `{name}` placeholders. */
export function t(locale: Locale, key: Key, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[locale]?.[key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

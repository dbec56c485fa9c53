// What a run's outcome says to a learner, in both languages: why a lab or a task was not
// graded normally. src/core/reason.ts picks the sentence for a GradeReason; the CLI shows
// English by default, the page its own language.
import { defineMessages } from './messages';

export const gradingText = defineMessages({
  'reason.missingFiles': '缺少文件：{files}',
  'reason.missingExport': '{file} 没有导出 {name}',
  'reason.importNotAllowed': '{file}:{line}：不能导入“{specifier}”。实验要你自己实现，代码只能导入本实验文件夹里的文件{also}',
  'reason.importAlso': '，以及 {allowed}',
  'reason.importOutsideLab': '{file}:{line}：“{specifier}”在本实验的文件夹之外。只能导入本实验文件夹里的文件',
  'reason.importComputed': '{file}:{line}：用算出来的名字调用 import() 或 require() 无法检查，请直接写出模块名',
  'reason.stoppedIdle': '评分在 {seconds} 秒内没有进展，已停止{where}。检查是否有死循环或无限增长的内存。代码仍在编辑器里，修改后再运行即可。',
  'reason.stoppedTotal': '评分超过 {seconds} 秒仍未结束，已停止{where}。检查是否有死循环或永远不会完成的 Promise。代码仍在编辑器里。',
  'reason.stoppedLimit': '评分超过 {seconds} 秒的时限，已停止{where}：代码一直没有结束（死循环，或者永远不会完成的 Promise？）',
  'reason.stoppedWhere': '（停在任务 {task} 的测试“{test}”）',
  'reason.crashed': '评分意外中止：{detail}',
  'reason.noGraders': '这个实验没有能在这里运行的评分文件',
  'reason.stray': '测试之外出现了未捕获的错误：{detail}',
  'task.cliOnly': '此任务只在命令行评分（需要 Node）',
  'task.hidden': '隐藏检查，只在命令行评分',
  'task.noTests': '任务“{task}”没有运行任何测试',
  'task.hiddenFailed': '一项隐藏检查未通过：{title}',
  'test.unknownTask': '测试“{test}”属于任务“{task}”，但 {lab}/lab.json 里没有这个任务',
}, {
  'reason.missingFiles': 'missing file(s): {files}',
  'reason.missingExport': '{file} does not export {name}',
  'reason.importNotAllowed': '{file}:{line}: may not import "{specifier}": a lab is your own work, so its code imports only files in the lab\'s own folder{also}',
  'reason.importAlso': ' and {allowed}',
  'reason.importOutsideLab': '{file}:{line}: "{specifier}" is outside the lab\'s folder: import only files in the lab\'s own folder',
  'reason.importComputed': '{file}:{line}: an import() or require() of a computed name cannot be checked: write the module name out',
  'reason.stoppedIdle': 'Grading made no progress for {seconds} s and was stopped{where}. Look for an infinite loop or memory that grows without bound. Your code is still in the editor: fix it and run again.',
  'reason.stoppedTotal': 'Grading did not finish within {seconds} s and was stopped{where}. Look for an infinite loop or a promise that never settles. Your code is still in the editor.',
  'reason.stoppedLimit': 'timed out after {seconds} s{where}: the code never finished (an infinite loop or a promise that never settles?)',
  'reason.stoppedWhere': ' (in test “{test}” of task {task})',
  'reason.crashed': 'grading stopped unexpectedly: {detail}',
  'reason.noGraders': 'no grader files for this lab can run here',
  'reason.stray': 'uncaught error outside any test: {detail}',
  'task.cliOnly': 'graded by the CLI only (needs Node)',
  'task.hidden': 'hidden check, graded by the CLI only',
  'task.noTests': 'no test ran for task "{task}"',
  'task.hiddenFailed': 'a hidden check failed: {title}',
  'test.unknownTask': 'test "{test}" names task "{task}", which {lab}/lab.json does not list',
});

// The console panel: what the learner's code printed, test by test, live while a run goes
// and then as the report has it (capped per test, with the count of lines left out).
import { CONSOLE_LIMITS } from '../../core/console-capture';
import { translateGraderText } from '../../core/grader-messages';
import type { LabBundle } from '../../core/lab';
import type { GradeReport } from '../../core/report';
import type { Locale } from '../../i18n/locale';
import type { ConsoleStream } from '../state/runs';
import type { WorkbenchText } from './text';
import { el } from './dom';

export class ConsoleView {
  constructor(
    private readonly box: HTMLElement,
    private readonly tab: HTMLElement,
    private readonly bundle: LabBundle,
    private readonly locale: Locale,
    private readonly tr: WorkbenchText,
  ) {}

  /** Lines as they arrive during a run (test names as the graders wrote them, translated here). */
  live(streams: ConsoleStream[]): void {
    if (streams.length === 0) return;
    this.show(streams.map((s) => ({ name: translateGraderText(s.test, this.bundle.messages, this.locale), lines: s.lines, dropped: 0 })));
  }

  /** The run's output as its report keeps it. */
  final(report: GradeReport): void {
    const printed = report.tests.filter((t) => t.output !== undefined || t.output_dropped);
    if (printed.length === 0) {
      this.box.replaceChildren(el('p', { class: 'wb-muted' }, this.tr('console.none')));
      this.tab.textContent = this.tr('pane.console');
      return;
    }
    this.show(printed.map((t) => ({ name: t.name, lines: (t.output ?? '').split('\n'), dropped: t.output_dropped ?? 0 })));
  }

  private show(groups: { name: string; lines: string[]; dropped: number }[]): void {
    let total = 0;
    this.box.replaceChildren(...groups.flatMap((g) => {
      total += g.lines.length + g.dropped;
      const nodes: HTMLElement[] = [el('h3', {}, g.name), el('pre', { 'data-test': g.name }, g.lines.join('\n'))];
      if (g.dropped) nodes.push(el('p', { class: 'wb-dropped' }, this.tr('console.dropped', { n: g.dropped, max: CONSOLE_LIMITS.linesPerTest })));
      return nodes;
    }));
    this.tab.textContent = this.tr('pane.consoleCount', { n: total });
  }
}

// The checks of understanding at the end of each chapter section: what a quiz
// file holds, and the small amount of formatting its text may use.
//
// A quiz lives in content/quizzes/<id>.ts, both languages side by side, so the
// zh and en versions cannot drift apart in structure: same questions, same
// options in the same order, same correct answer. A page shows it with
// <Quiz id="<id>" />; progress is kept per question under
// `perf-workbook:quiz:<id>:<question index>` (the chosen option's index), shared
// by the zh and en pages like the objectives.

export interface Localized {
  zh: string;
  en: string;
}

/** Text a reader sees: localized, or the same in both languages (code, numbers). */
export type Text = string | Localized;

export interface QuizOption {
  /** The answer as shown. For an `output` question, exactly what the snippet prints. */
  text: Text;
  /** Why this answer is right or wrong: shown for every option once the reader checks. */
  why: Localized;
  correct?: true;
}

export interface QuizQuestion {
  prompt: Localized;
  /** A snippet the question is about, shown as a code block. */
  code?: { lang: 'ts' | 'js' | 'text'; source: Text };
  /**
   * "What does this print?": the site tests run `code` (TypeScript, top-level
   * await allowed) and require the correct option's text to equal what it logs,
   * lines joined with "\n". Options are shown as code.
   */
  output?: true;
  options: QuizOption[];
}

export interface QuizData {
  questions: QuizQuestion[];
}

/** Identity with a type: gives quiz files checking and completion in an editor. */
export function defineQuiz(quiz: QuizData): QuizData {
  return quiz;
}

export function localized(text: Text, locale: 'zh' | 'en'): string {
  return typeof text === 'string' ? text : text[locale];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Quiz text as HTML: escaped, with `code spans` in backticks. Nothing else is markup. */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
    .join('');
}

/** The index of the correct option, or -1 when a question has none (the site tests reject that). */
export function correctIndex(question: QuizQuestion): number {
  return question.options.findIndex((o) => o.correct);
}

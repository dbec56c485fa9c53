// The checks of understanding (content/quizzes/*.ts, shown by <Quiz id>):
// every numbered section of the chapter pages ends with one, in zh and en alike;
// every question has exactly one right answer and an explanation for every
// option in both languages; and "what does this print?" questions are run, so
// their right answer is what the snippet really prints.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { correctIndex, inlineHtml, localized, type QuizData, type QuizQuestion } from '../../src/components/quiz';
import { typeCheck } from './chapter-code';
import { chapterFiles, headings, read, ROOT } from './markdown';

const QUIZ_DIR = join(ROOT, 'content/quizzes');
const ids = existsSync(QUIZ_DIR) ? readdirSync(QUIZ_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort() : [];
const quizzes = new Map<string, QuizData>();
for (const id of ids) quizzes.set(id, (await import(join(QUIZ_DIR, `${id}.ts`))).default as QuizData);

const QUIZ_TAG = /<Quiz\s+id="([^"]+)"\s*\/>/g;
/** Pages with numbered sections (3.1 … 3.5): each such section must end with a quiz. */
const SECTION = /^3\.[1-5]\.\d+\s/;

const questionsOf = () => [...quizzes].flatMap(([id, q]) => q.questions.map((question, i) => ({ where: `${id} question ${i + 1}`, question })));

describe('checks of understanding', () => {
  it('exist', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  it('render their text escaped, with `code` as the only markup', () => {
    expect(inlineHtml('use `a < b` & <em>not</em> "this"')).toBe('use <code>a &lt; b</code> &amp; &lt;em&gt;not&lt;/em&gt; &quot;this&quot;');
    expect(inlineHtml('an odd ` backtick')).toBe('an odd ` backtick');
  });

  it('every question has 2–5 options, exactly one of them right, and text in both languages', () => {
    const problems: string[] = [];
    const blank = (s: string | undefined) => !s || !s.trim();
    for (const { where, question } of questionsOf()) {
      if (question.options.length < 2 || question.options.length > 5) problems.push(`${where}: ${question.options.length} options`);
      const right = question.options.filter((o) => o.correct).length;
      if (right !== 1) problems.push(`${where}: ${right} right answers`);
      for (const locale of ['zh', 'en'] as const) {
        if (blank(question.prompt[locale])) problems.push(`${where}: no ${locale} prompt`);
        question.options.forEach((o, i) => {
          if (blank(localized(o.text, locale))) problems.push(`${where} option ${i + 1}: no ${locale} text`);
          if (blank(o.why[locale])) problems.push(`${where} option ${i + 1}: no ${locale} explanation`);
        });
      }
      if (question.output && !question.code) problems.push(`${where}: an output question needs code`);
    }
    expect(problems).toEqual([]);
  });

  it('right answers are not always in the same place', () => {
    const positions = new Set(questionsOf().map(({ question }) => correctIndex(question)));
    expect(positions.size).toBeGreaterThan(2);
  });

  it('every numbered section of the chapter pages ends with a quiz, the same one in zh and en', () => {
    const problems: string[] = [];
    const used = new Map<string, string[]>();
    for (const mdx of chapterFiles()) {
      const text = read(mdx);
      const lines = text.split('\n');
      for (const m of text.matchAll(QUIZ_TAG)) used.set(m[1]!, [...(used.get(m[1]!) ?? []), mdx]);
      const sections = headings(text).filter((h) => h.level === 3 && SECTION.test(h.text));
      sections.forEach((h, i) => {
        const end = sections[i + 1]?.line ?? lines.length + 1;
        const body = lines.slice(h.line, end - 1).join('\n');
        const quizIds = [...body.matchAll(QUIZ_TAG)].map((m) => m[1]);
        if (quizIds.length === 0) problems.push(`${mdx}:${h.line}: section "${h.text}" has no <Quiz>`);
      });
    }
    for (const [id, pages] of used) {
      if (!quizzes.has(id)) problems.push(`<Quiz id="${id}"> in ${pages.join(', ')}: no content/quizzes/${id}.ts`);
      const zh = pages.filter((p) => p.includes('/zh/'));
      const en = pages.filter((p) => p.includes('/en/'));
      if (zh.length !== 1 || en.length !== 1 || zh[0]!.replace('/zh/', '/') !== en[0]!.replace('/en/', '/')) {
        problems.push(`quiz ${id} must appear once on a zh page and once on the same en page; found in ${pages.join(', ')}`);
      }
    }
    for (const id of ids) if (!used.has(id)) problems.push(`content/quizzes/${id}.ts is used by no page`);
    expect(problems).toEqual([]);
  });

  it('TypeScript snippets type-check', () => {
    const sources = new Map<string, string>();
    for (const { where, question } of questionsOf()) {
      if (question.code?.lang !== 'ts') continue;
      for (const locale of ['zh', 'en'] as const) {
        sources.set(join(QUIZ_DIR, `__${where.replace(/\W+/g, '_')}_${locale}.ts`), localized(question.code.source, locale));
      }
    }
    const { errors } = typeCheck(sources);
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.text}`)).toEqual([]);
  });

  it('the right answer of each "what does this print?" question is what the snippet prints', () => {
    const wrong: string[] = [];
    const outputQuestions = questionsOf().filter(({ question }) => question.output);
    expect(outputQuestions.length).toBeGreaterThan(0);
    for (const { where, question } of outputQuestions) {
      const printed = run(question);
      const expected = localized(question.options[correctIndex(question)]!.text, 'en');
      if (printed !== expected) wrong.push(`${where}: prints ${JSON.stringify(printed)}, the right answer says ${JSON.stringify(expected)}`);
      const same = question.options.filter((o) => localized(o.text, 'en') === printed).length;
      if (same > 1) wrong.push(`${where}: ${same} options read the same as the output`);
    }
    expect(wrong).toEqual([]);
  });
});

/** Runs a snippet as an ES module in a fresh Node process; returns stdout without the final newline. */
function run(question: QuizQuestion): string {
  const source = localized(question.code!.source, 'en');
  const js = question.code!.lang === 'ts'
    ? ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
    : source;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', js], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) return `(exit ${r.status}) ${r.stderr}`;
  return r.stdout.replace(/\n$/, '');
}

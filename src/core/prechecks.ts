// The checks every runtime runs before any grader (Node, the browser worker, WebContainer),
// so a learner gets the same sentence everywhere: every file lab.json names is there, the
// code imports only what the lab allows, and it exports what the graders import
// ("lru-cache.ts does not export LRUCache" rather than "LRUCache is not a constructor" on
// every test). Text-level on purpose: they must work on code that does not compile yet.
import type { Lab } from './lab';
import type { GradeReason, RefusedImport } from './reason';

export interface PrecheckInput {
  lab: Lab;
  /** The implementation as it will be graded, by name relative to the lab folder: the learner's files with the given files on top. */
  files: Record<string, string>;
  /** The text of the grader files that will run. */
  graders: string[];
}

/** The first reason the lab cannot be graded, or undefined when grading may start. */
export function precheck({ lab, files, graders }: PrecheckInput): GradeReason | undefined {
  const missing = lab.files.filter((f) => files[f] === undefined);
  if (missing.length) return { kind: 'missing-files', files: missing };
  const refused = refusedImports(lab, files);
  if (refused.length) return { kind: 'refused-import', imports: refused, allowed: lab.imports };
  const unexported = missingExports(graders, files, lab.slug);
  if (unexported.length) return { kind: 'missing-exports', missing: unexported };
  return undefined;
}

// ---- imports ---------------------------------------------------------------------------

/**
 * Imports in the learner's files that the lab does not allow. Allowed: relative imports that
 * stay inside the lab's folder, and the packages and built-ins lab.json "imports" lists
 * (`node:x` and `x` alike). The course's given files are not the learner's and are skipped.
 */
export function refusedImports(lab: Lab, files: Record<string, string>): RefusedImport[] {
  const refused: RefusedImport[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (lab.given.includes(file)) continue;
    for (const { specifier, line } of importsOf(text)) {
      const why = refusal(specifier, file, lab.imports);
      if (why) refused.push({ file, line, ...(specifier === undefined ? {} : { specifier }), why });
    }
  }
  return refused;
}

function refusal(specifier: string | undefined, file: string, allowed: readonly string[]): RefusedImport['why'] | undefined {
  if (specifier === undefined) return 'computed';
  if (specifier.startsWith('.') || specifier.startsWith('/')) return staysInside(file, specifier) ? undefined : 'outside-lab';
  const bare = (s: string) => s.replace(/^node:/, '');
  return allowed.some((a) => bare(a) === bare(specifier) || specifier.startsWith(`${a}/`)) ? undefined : 'not-allowed';
}

/** Whether a relative specifier, seen from `file` (relative to the lab folder), stays inside that folder. */
function staysInside(file: string, specifier: string): boolean {
  if (specifier.startsWith('/')) return false;
  const dir = file.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') {
      if (dir.length === 0) return false;
      dir.pop();
    } else if (part !== '.' && part !== '') dir.push(part);
  }
  return true;
}

export interface FoundImport {
  /** Undefined when the module name is computed (`import(name)`). */
  specifier?: string;
  line: number;
}

const STATIC_IMPORT = /(?<![\w$.])(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:[\w$]+|\*(?:\s*as\s+[\w$]+)?|\{[^{}]*\})\s*from\s*(['"])/g;
const BARE_IMPORT = /(?<![\w$.])import\s*(['"])/g;
const CALL_IMPORT = /(?<![\w$.])(?:import|require)\s*\(\s*/g;

/** Every module a file imports: static imports and re-exports, `import 'x'`, `import()` and `require()`. */
export function importsOf(source: string): FoundImport[] {
  const code = codeOnly(source);
  const found: { at: number; specifier?: string }[] = [];
  const literalAt = (quote: number) => {
    const end = source.indexOf(source[quote], quote + 1);
    return source.slice(quote + 1, end);
  };
  for (const m of code.matchAll(STATIC_IMPORT)) found.push({ at: m.index, specifier: literalAt(m.index + m[0].length - 1) });
  for (const m of code.matchAll(BARE_IMPORT)) found.push({ at: m.index, specifier: literalAt(m.index + m[0].length - 1) });
  for (const m of code.matchAll(CALL_IMPORT)) {
    const arg = m.index + m[0].length;
    const quoted = /['"]/.test(code[arg]) && /^\s*\)/.test(code.slice(code.indexOf(code[arg], arg + 1) + 1));
    found.push({ at: m.index, ...(quoted ? { specifier: literalAt(arg) } : {}) });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at, specifier }) => ({ line: lineOf(source, at), ...(specifier === undefined ? {} : { specifier }) }));
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * The source with comments blanked and the insides of string, template and regular-expression
 * literals turned to spaces (quotes and line breaks kept), so a search for `import` sees only
 * code, at the same offsets as the original. `${…}` inside a template literal stays code.
 */
export function codeOnly(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  // The last token before a `/`, to tell a regular expression from a division.
  let prev = '';
  let word = '';

  /** Code up to the end, or (inside `${…}`) up to its closing brace. */
  function code(inTemplate: boolean): void {
    let depth = 0;
    while (i < source.length) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && (next === '/' || next === '*')) {
        const end = next === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2);
        const stop = end < 0 ? source.length : next === '/' ? end : end + 2;
        blank(i, stop);
        i = stop;
        continue;
      }
      if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
        blank(i + 1, Math.min(j, source.length));
        i = j + 1;
      } else if (c === '`') {
        i++;
        template();
      } else if (c === '/' && regexMayStart(prev, word)) {
        let j = i + 1;
        let inClass = false;
        while (j < source.length && source[j] !== '\n' && (source[j] !== '/' || inClass)) {
          if (source[j] === '\\') j++;
          else if (source[j] === '[') inClass = true;
          else if (source[j] === ']') inClass = false;
          j++;
        }
        blank(i + 1, j);
        i = j + 1;
      } else if (/\s/.test(c)) {
        i++;
        continue;
      } else if (/[\w$]/.test(c)) {
        let j = i;
        while (j < source.length && /[\w$]/.test(source[j])) j++;
        word = source.slice(i, j);
        prev = 'a';
        i = j;
        continue;
      } else if (c === '}' && depth === 0 && inTemplate) {
        i++;
        return;
      } else {
        if (c === '{') depth++;
        if (c === '}') depth--;
        i++;
      }
      prev = c;
      word = '';
    }
  }

  /** A template literal's text, from after its opening backtick to its closing one. */
  function template(): void {
    let start = i;
    while (i < source.length) {
      if (source[i] === '\\') {
        i += 2;
      } else if (source[i] === '`') {
        blank(start, i);
        i++;
        return;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        blank(start, i);
        i += 2;
        code(true);
        start = i;
      } else {
        i++;
      }
    }
    blank(start, source.length);
  }

  code(false);
  return out.join('');
}

const REGEX_AFTER_WORD = /^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;
const regexMayStart = (prev: string, word: string) =>
  prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || (prev === 'a' && REGEX_AFTER_WORD.test(word));

// ---- exports ---------------------------------------------------------------------------

/** Names each grader imports from `@impl/<slug>/<file>`, keyed by file name (with .ts). */
export function importedNames(graderSource: string, slug: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const re = new RegExp(`import\\s*(?:type\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]@impl/${slug}/([\\w.-]+)['"]`, 'g');
  for (const m of graderSource.matchAll(re)) {
    const file = m[2].endsWith('.ts') ? m[2] : `${m[2]}.ts`;
    const names = out.get(file) ?? new Set<string>();
    for (const part of m[1].split(',')) {
      const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
      if (name) names.add(name);
    }
    out.set(file, names);
  }
  return out;
}

/** Names a module exports, read from its text (declarations, export lists, re-exports). */
export function exportedNames(source: string): Set<string> | 'any' {
  const code = codeOnly(source);
  // `export * from` could export anything: do not guess.
  if (/export\s*\*\s*from/.test(code)) return 'any';
  const names = new Set<string>();
  const decl = /export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of code.matchAll(decl)) names.add(m[1]);
  for (const m of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Each name a grader needs that the file it names does not export. */
export function missingExports(graderSources: string[], files: Record<string, string>, slug: string): { file: string; name: string }[] {
  const problems = new Map<string, { file: string; name: string }>();
  for (const source of graderSources) {
    for (const [file, names] of importedNames(source, slug)) {
      const text = files[file];
      if (text === undefined) continue; // a missing file is reported on its own
      const exported = exportedNames(text);
      if (exported === 'any') continue;
      for (const name of names) if (!exported.has(name)) problems.set(`${file}\0${name}`, { file, name });
    }
  }
  return [...problems.values()];
}

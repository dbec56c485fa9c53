// Just enough Markdown reading for the site tests: ATX headings and fenced code
// blocks, each with its line number, fences tracked so `# comment` lines inside
// code are not headings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHAPTERS = join(ROOT, 'content/chapters');
export const SHARED = resolve(ROOT, '../shared');

export interface Heading { level: number; text: string; line: number }
export interface Fence { lang: string; meta: string; code: string; line: number }

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

/** Walks the lines, calling `onLine` for text outside fences and collecting fences. */
function scan(text: string, onLine: (line: string, n: number) => void): Fence[] {
  const fences: Fence[] = [];
  const lines = text.split(/\r?\n/);
  let open: { marker: string; lang: string; meta: string; line: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    const m = FENCE.exec(line);
    if (open) {
      if (m && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length && !m[2] && !m[3]) {
        fences.push({ lang: open.lang, meta: open.meta, code: open.body.join('\n'), line: open.line });
        open = undefined;
      } else open.body.push(line);
      return;
    }
    if (m) open = { marker: m[1]!, lang: m[2]!.toLowerCase(), meta: m[3]!, line: i + 1, body: [] };
    else onLine(line, i + 1);
  });
  return fences;
}

/** Drops YAML frontmatter, keeping line numbers (blank lines in its place). */
function withoutFrontmatter(text: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? m[0].replace(/[^\n]/g, '') + text.slice(m[0].length) : text;
}

export function headings(text: string, maxLevel = 6): Heading[] {
  const out: Heading[] = [];
  scan(withoutFrontmatter(text), (line, n) => {
    const m = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (m && m[1]!.length <= maxLevel) out.push({ level: m[1]!.length, text: m[2]!.trim(), line: n });
  });
  return out;
}

export function fences(text: string): Fence[] {
  return scan(withoutFrontmatter(text), () => {});
}

/** The frontmatter `title`, which Starlight renders as the page's h1. */
export function frontmatterTitle(text: string): string | undefined {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const m = fm && /^title:\s*(.+)$/m.exec(fm);
  return m ? m[1]!.trim().replace(/^(['"])(.*)\1$/, '$2') : undefined;
}

/** Heading text as a reader sees it: no inline code ticks, emphasis marks or escapes; single spaces. */
export function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** content/chapters/<locale>/**.mdx files, as paths relative to the repo root. */
export function chapterFiles(): string[] {
  if (!existsSync(CHAPTERS)) return [];
  return readdirSync(CHAPTERS, { recursive: true, encoding: 'utf8' })
    .filter((rel) => /\.mdx?$/.test(rel))
    .map((rel) => join(CHAPTERS, rel).slice(ROOT.length + 1))
    .sort();
}

export const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

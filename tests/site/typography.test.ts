// Markdown turns `--` in prose into a dash ("smartypants"), so a CLI flag written
// outside backticks renders as "—cpu-prof" in the page, its table of contents and
// the search index. Flags and other double hyphens belong in `code`.
import { describe, expect, it } from 'vitest';
import { chapterFiles, fences, read } from './markdown';

const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

describe('chapter prose', () => {
  it('has no double hyphen outside code (it would render as a dash)', () => {
    const found: string[] = [];
    for (const mdx of chapterFiles()) {
      const text = read(mdx);
      const inFence = new Set<number>();
      for (const f of fences(text)) for (let i = 0; i <= f.code.split('\n').length + 1; i++) inFence.add(f.line + i);
      const frontmatterEnd = text.startsWith('---') ? text.indexOf('\n---', 3) : -1;
      const skip = frontmatterEnd < 0 ? 0 : text.slice(0, frontmatterEnd).split('\n').length + 1;
      text.split('\n').forEach((line, i) => {
        const n = i + 1;
        if (n <= skip || inFence.has(n) || TABLE_RULE.test(line)) return;
        if (line.replace(/`[^`]*`/g, '').includes('--')) found.push(`${mdx}:${n}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(found).toEqual([]);
  });
});

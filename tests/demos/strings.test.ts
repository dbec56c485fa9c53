// Every demo's strings: the same keys in zh and en (the compiler checks that), the same
// {placeholders} in both, and nothing left empty.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/components/demos');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('demo string catalogs', async () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('-strings.ts'));
  it('exist for the demos', () => expect(files.length).toBeGreaterThanOrEqual(6));
  for (const file of files) {
    const module = (await import(join(DIR, file))) as Record<string, Record<'zh' | 'en', Record<string, string>>>;
    const [catalog] = Object.values(module);
    it(`${file}: zh and en have the same keys and placeholders, none empty`, () => {
      expect(Object.keys(catalog!.en).sort()).toEqual(Object.keys(catalog!.zh).sort());
      for (const key of Object.keys(catalog!.zh)) {
        expect(catalog!.zh[key]!.trim(), `${file} zh ${key}`).not.toBe('');
        expect(placeholders(catalog!.en[key]!), `${file} ${key}`).toEqual(placeholders(catalog!.zh[key]!));
      }
    });
  }
});

// The message catalog: every table says the same things in both languages, with the
// same placeholders (the types already insist on the same keys).
import { describe, expect, it } from 'vitest';
import { gradingText } from '../../src/i18n/grading';
import { defineMessages, type Messages } from '../../src/i18n/messages';
import { fill, formatNumber, stripAnsi } from '../../src/i18n/text';
import { uiText } from '../../src/i18n/ui';
import { workbenchText } from '../../src/i18n/workbench';
import { profilerText } from '../../src/i18n/profiler';

const tables: Record<string, Messages<string>> = { ui: uiText, workbench: workbenchText, grading: gradingText, profiler: profilerText };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: every key has text in both locales, with the same placeholders`, () => {
      expect(table.keys.length).toBeGreaterThan(0);
      for (const key of table.keys) {
        const zh = table.strings('zh')[key];
        const en = table.strings('en')[key];
        expect(zh, `${name} ${key} (zh)`).toBeTruthy();
        expect(en, `${name} ${key} (en)`).toBeTruthy();
        expect(placeholders(zh), `${name} ${key}`).toEqual(placeholders(en));
      }
    });
  }

  it('looks text up and fills it; unknown placeholders stay visible', () => {
    const table = defineMessages({ hello: '你好，{name}' }, { hello: 'Hello, {name}' });
    expect(table.t('zh', 'hello', { name: '小明' })).toBe('你好，小明');
    expect(table.t('en', 'hello')).toBe('Hello, {name}');
    expect(table.pick('en', ['hello'])).toEqual({ hello: 'Hello, {name}' });
  });
});

describe('text helpers', () => {
  it('fill replaces known placeholders only', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('formatNumber shows whole numbers from 100 up, else three significant digits', () => {
    expect([1234.5, 100, 56.78, 5, 0.9432, 0, -12.34, Number.NaN].map(formatNumber)).toEqual(['1235', '100', '56.8', '5.00', '0.943', '0', '-12.3', 'NaN']);
  });

  it('stripAnsi drops colours and cursor moves', () => {
    expect(stripAnsi('\u001b[31mred\u001b[39m \u001b[2Kline\u001b[?25h')).toBe('red line');
  });
});

// Canary assertions: every kind of matcher graders use, each given a false claim it must
// reject. Checked after every grader file by the sandbox runner, and after every test in Vitest runs (tamper-guard.ts):
// a matcher that stops failing means someone reached the test framework and changed it.
// Built-ins and matchers are frozen before learner code loads, so this is the second line.

import { describeTampering } from '../../core/reason';

type Expect = (value: unknown) => unknown;

/** Names of the matchers that no longer fail on a false claim, or [] when all still do. */
export function silentMatchers(expect: Expect, mockFn: () => (...args: unknown[]) => unknown): string[] {
  const e = expect as unknown as (v: unknown) => Record<string, (...a: unknown[]) => unknown> & { not: Record<string, (...a: unknown[]) => unknown> };
  const probes: Array<[string, () => unknown]> = [
    ['toBe', () => e(1).toBe(2)],
    ['toEqual', () => e({ a: [1] }).toEqual({ a: [2] })],
    ['toStrictEqual', () => e([1]).toStrictEqual([2])],
    ['toMatchObject', () => e({ a: 1 }).toMatchObject({ a: 2 })],
    ['toContain', () => e([1, 2]).toContain(3)],
    ['toContainEqual', () => e([{ a: 1 }]).toContainEqual({ a: 2 })],
    ['toHaveLength', () => e([]).toHaveLength(1)],
    ['toHaveProperty', () => e({}).toHaveProperty('x')],
    ['toBeGreaterThan', () => e(1).toBeGreaterThan(2)],
    ['toBeLessThanOrEqual', () => e(2).toBeLessThanOrEqual(1)],
    ['toBeCloseTo', () => e(1).toBeCloseTo(2)],
    ['toBeUndefined', () => e(1).toBeUndefined()],
    ['toBeDefined', () => e(undefined).toBeDefined()],
    ['toBeTruthy', () => e(0).toBeTruthy()],
    ['toBeNull', () => e(0).toBeNull()],
    ['toBeInstanceOf', () => e({}).toBeInstanceOf(Map)],
    ['toMatch', () => e('a').toMatch(/b/)],
    ['toThrow', () => e(() => {}).toThrow()],
    ['toHaveBeenCalled', () => e(mockFn()).toHaveBeenCalled()],
    ['toHaveBeenCalledWith', () => { const f = mockFn(); f(1); return e(f).toHaveBeenCalledWith(2); }],
    ['not.toBe', () => e(1).not.toBe(1)],
  ];
  return probes.filter(([, probe]) => {
    try { probe(); return true; } catch { return false; }
  }).map(([name]) => name);
}

/** What a run in Vitest says when matchers went silent (the sandbox reports the same finding as data). */
export function canaryMessage(silent: string[]): string | undefined {
  if (silent.length === 0) return undefined;
  return describeTampering({ what: 'silent-matchers', matchers: silent }, 'en');
}

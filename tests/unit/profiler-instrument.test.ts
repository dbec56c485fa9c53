// The instrumenting profiler (src/profiler/instrument.ts + recorder.ts): the transform
// keeps every line where it was and the code's behaviour as it was, and the recorder's
// call tree counts every call and charges time to the right frame. A clock that ticks
// by one on every read makes the times exact.
import { describe, expect, it } from 'vitest';
import { compileForProfile } from '../../src/profiler/compile';
import { instrument } from '../../src/profiler/instrument';
import { functionTable, withoutOverhead, type CallNode, type CallProfile } from '../../src/profiler/profile';
import { Recorder } from '../../src/profiler/recorder';

const HOOK = '__wbpUnitTest';

/** Compiles TypeScript as the profile worker does and loads it; the recorder is recording. */
function load(source: string) {
  const { code, sites } = compileForProfile(source, '/impl/lab/code.ts', { modules: 'commonjs', hook: HOOK });
  let ticks = 0;
  const recorder = new Recorder(sites.map((site) => ({ site, file: 'code.ts', kind: 'lab' as const })), { clock: () => ++ticks });
  (globalThis as Record<string, unknown>)[HOOK] = recorder;
  const module = { exports: {} as Record<string, any> };
  // As the worker's loader does: the wrapper on the code's first line, so stack lines are source lines.
  (0, eval)(`(function (exports, require, module) {${code}\n})\n//# sourceURL=/impl/lab/code.ts`)(module.exports, () => ({}), module);
  recorder.start();
  return { exports: module.exports, recorder, code };
}

const nameOf = (profile: CallProfile, node: CallNode) => profile.frames[node.frame].name;
/** The child of `node` whose frame has this name. */
function child(profile: CallProfile, node: CallNode, name: string): CallNode {
  const found = node.children.find((c) => nameOf(profile, c) === name);
  if (!found) throw new Error(`no child "${name}" under "${nameOf(profile, node)}"; children: ${node.children.map((c) => nameOf(profile, c)).join(', ')}`);
  return found;
}
const path = (profile: CallProfile, ...names: string[]) => names.reduce((node, name) => child(profile, node, name), profile.root);

describe('the instrumenting transform', () => {
  it('keeps every line where it was, so stack traces and the table name the learner\'s lines', () => {
    const source = [
      'export class Cache<K, V> {',                       // 1
      '  private items: Array<[K, V]> = [];',             // 2
      '  get(key: K): V | undefined {',                   // 3
      '    const found = this.items',                     // 4
      '      .find(([k]) => k === key);',                 // 5
      '    return found?.[1];',                           // 6
      '  }',                                              // 7
      '  fail(): never {',                                // 8
      '    throw new Error("line 9");',                   // 9
      '  }',                                              // 10
      '}',                                                // 11
      'export const twice = async (x: number) =>',        // 12
      '  (await x) * 2;',                                 // 13
    ].join('\n');
    const { code, exports } = load(source);
    expect(code.split('\n')).toHaveLength(source.split('\n').length);
    expect(code.split('\n')[4]).toContain('k === key');
    expect(code.split('\n')[8]).toContain('throw new Error("line 9")');
    const error = (() => { try { new exports.Cache().fail(); } catch (e) { return e as Error; } })();
    expect(error?.stack).toMatch(/code\.ts:9:\d+/);

    const { sites } = compileForProfile(source, 'x.ts', { modules: 'esm' });
    expect(sites.map((s) => `${s.kind === 'function' ? s.name || '(anonymous)' : `${s.method} in ${s.caller}`}@${s.line}`)).toEqual([
      'Cache.get@3', 'find in Cache.get@5', '(anonymous)@5', 'Cache.fail@8', 'twice@12',
    ]);
    expect(sites.filter((s) => s.kind === 'function').map((s) => `${s.name || '(anonymous)'}@${s.line}`)).toEqual([
      'Cache.get@3', '(anonymous)@5', 'Cache.fail@8', 'twice@12',
    ]);
  });

  it('wraps methods, getters, setters, statics, constructors, field arrows, object methods and nested functions', () => {
    const { exports, recorder } = load(`
      export class Account {
        static opened = 0;
        balance = 0;
        onChange = (delta: number) => { this.balance += delta; };
        constructor(public owner: string) { Account.opened++; }
        get cents() { return Math.round(this.balance * 100); }
        set cents(value: number) { this.onChange(value / 100 - this.balance); }
        static open(owner: string) { return new Account(owner); }
      }
      export const api = {
        deposit(account: Account, amount: number) { account.onChange(amount); return account.cents; },
        total: function (accounts: Account[]) { return accounts.reduce(function sum(t, a) { return t + a.balance; }, 0); },
      };
    `);
    const a = exports.Account.open('ana');
    exports.api.deposit(a, 2.5);
    a.cents = 1000;
    expect(exports.api.total([a, exports.Account.open('bo')])).toBe(10);
    const profile = recorder.stop();
    const calls = Object.fromEntries(functionTable(profile).map((r) => [profile.frames[r.frame].name, r.calls]));
    expect(calls).toMatchObject({
      'Account.open': 2, 'Account.constructor': 2, 'Account.onChange': 2, 'get Account.cents': 1, 'set Account.cents': 1,
      'api.deposit': 1, 'api.total': 1, sum: 2, 'Array#reduce': 1,
    });
    // Called from where they were called: the field arrow under the setter, `sum` under the built-in under `total`.
    path(profile, 'set Account.cents', 'Account.onChange');
    path(profile, 'api.total', 'Array#reduce', 'sum');
  });

  it('keeps this, arguments and new.target as they were', () => {
    const { exports } = load(`
      export function count(this: { n: number }) { return [this.n, arguments.length]; }
      export function outer(this: { n: number }, ..._rest: unknown[]) {
        const viaArrow = () => [this.n, arguments.length];
        return viaArrow();
      }
      export function Made(this: unknown) { return new.target === Made; }
      export const expression = (a: number) => ({ a });
    `);
    expect(exports.count.call({ n: 7 }, 1, 2, 3)).toEqual([7, 3]);
    expect(exports.outer.call({ n: 8 }, 'x', 'y')).toEqual([8, 2]);
    expect(exports.expression(4)).toEqual({ a: 4 });
  });

  it('lets exceptions through, records the exit, and leaves the stack balanced', () => {
    const { exports, recorder } = load(`
      export function risky(fail: boolean) { if (fail) throw new RangeError('no'); return 1; }
      export function guarded() { try { return risky(true); } catch { return 0; } }
      export function after() { return risky(false); }
    `);
    expect(() => exports.risky(true)).toThrow(RangeError);
    expect(exports.guarded()).toBe(0);
    expect(exports.after()).toBe(1);
    const profile = recorder.stop();
    // Each is a child of the run, not of a frame a throw left behind.
    expect(profile.root.children.map((c) => nameOf(profile, c)).sort()).toEqual(['after', 'guarded', 'risky']);
    const thrown = path(profile, 'risky');
    expect(thrown.calls).toBe(1);
    expect(thrown.self).toBeGreaterThan(0); // the time until the throw left it
    expect(path(profile, 'guarded', 'risky').calls).toBe(1);
  });

  it('nests recursion and counts a recursive function\'s total once', () => {
    const { exports, recorder } = load('export function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); }');
    expect(exports.fact(5)).toBe(120);
    const profile = recorder.stop();
    const deepest = path(profile, 'fact', 'fact', 'fact', 'fact', 'fact');
    expect(deepest.children).toEqual([]);
    const [row] = functionTable(profile);
    expect(row.calls).toBe(5);
    expect(row.total).toBe(path(profile, 'fact').total);
  });

  it('takes an async function off the stack while it awaits, and charges nothing to it meanwhile', async () => {
    const { exports, recorder } = load(`
      export async function slow() { const a = await step(1); const b = await step(2); return a + b; }
      export function step(x: number) { return Promise.resolve(x); }
      export function meanwhile() { return 'other work'; }
      export async function failing() { try { await Promise.reject(new Error('x')); } catch { return after(); } }
      function after() { return 'caught'; }
    `);
    const pending = exports.slow();
    exports.meanwhile(); // runs while slow() waits
    expect(await pending).toBe(3);
    expect(await exports.failing()).toBe('caught');
    const profile = recorder.stop();
    expect(profile.root.children.map((c) => nameOf(profile, c)).sort()).toEqual(['failing', 'meanwhile', 'slow']);
    expect(path(profile, 'slow').calls).toBe(1);
    expect(path(profile, 'slow', 'step').calls).toBe(2);
    // The catch block resumed the frame after the rejected await: its call is under it.
    expect(path(profile, 'failing', 'after').calls).toBe(1);
  });

  it('handles generators, async generators and for await', async () => {
    const { exports, recorder } = load(`
      export function* range(n: number) { for (let i = 0; i < n; i++) yield i; }
      export function sum(n: number) { let s = 0; for (const x of range(n)) s += x; return s; }
      export async function* ticks(n: number) { for (let i = 0; i < n; i++) { await null; yield i; } }
      export async function collect(n: number) { const out: number[] = []; for await (const t of ticks(n)) out.push(t); return out; }
      export function* delegate() { yield* range(2); const got = yield 'last'; return got; }
    `);
    expect(exports.sum(4)).toBe(6);
    expect(await exports.collect(3)).toEqual([0, 1, 2]);
    const it = exports.delegate();
    expect([it.next().value, it.next().value, it.next().value, it.next('sent')]).toEqual([0, 1, 'last', { value: 'sent', done: true }]);
    const profile = recorder.stop();
    expect(path(profile, 'sum', 'range').calls).toBe(1);
    expect(path(profile, 'collect').calls).toBe(1);
    expect(functionTable(profile).find((r) => profile.frames[r.frame].name === 'ticks')?.calls).toBe(1);
  });

  it('times the scanning built-ins at their call sites, and only the real built-ins', () => {
    const { exports, recorder } = load(`
      export class Finder { find(x: number) { return x; } }
      export class Queue extends Array<number> { indexOf(x: number) { return super.indexOf(x); } }
      export function lookups(list: number[], key: number, maybe?: number[]) {
        const i = list.indexOf(key);
        const mine = new Finder().find(i);
        const none = maybe?.includes(key);
        const q = new Queue(); q.push(1, 2);
        return [i, mine, none, q.indexOf(2), 'a,b'.split(',').length];
      }
      export function broken(x: any) { return x.indexOf(1); }
    `);
    expect(exports.lookups([5, 6, 7], 7)).toEqual([2, 2, undefined, 1, 2]);
    expect(() => exports.broken({})).toThrow('x.indexOf is not a function');
    const profile = recorder.stop();
    const under = path(profile, 'lookups').children.map((c) => profile.frames[c.frame]);
    expect(under.map((f) => `${f.kind}:${f.name}`).sort()).toEqual(['builtin:Array#indexOf', 'builtin:String#split', 'lab:Finder.find', 'lab:Queue.indexOf']);
    const indexOf = under.find((f) => f.name === 'Array#indexOf')!;
    expect(indexOf).toMatchObject({ context: 'lookups', file: 'code.ts', line: 5 });
  });

  it('keeps a directive prologue first and wraps empty functions', () => {
    const { code, exports } = load(`
      export function strict() { 'use strict'; return typeof this; }
      export const noop = () => {};
      export function empty() {}
    `);
    expect(code).toMatch(/'use strict';\s*const __wbf = /);
    const { strict } = exports;
    expect(strict()).toBe('undefined');
    expect(exports.noop()).toBeUndefined();
    expect(exports.empty()).toBeUndefined();
  });

  it('names anonymous functions by where they are written', () => {
    const { sites } = instrument('export function outer() { return [1].map((x) => x); }');
    expect(sites.filter((s) => s.kind === 'function')).toEqual([
      { kind: 'function', name: 'outer', line: 1, column: 17 },
      { kind: 'function', name: '', context: 'outer', line: 1, column: 42 },
    ]);
  });
});

describe('the profile model', () => {
  const profile: CallProfile = {
    method: 'instrumented', unit: 'ms', wallMs: 10,
    frames: [{ kind: 'root', name: '' }, { kind: 'lab', name: 'get' }, { kind: 'builtin', name: 'Array#indexOf', context: 'get' }],
    root: {
      frame: 0, self: 1, total: 10, children: [
        { frame: 1, calls: 1000, self: 3, total: 9, children: [{ frame: 2, calls: 1000, self: 6, total: 6, children: [] }] },
      ],
    },
  };

  it('takes the calibrated cost of each call out, half from the callee and half from its caller', () => {
    // 1000 ns a call: 0.5 ms per 1000 calls on each side of a call.
    const fixed = withoutOverhead(profile, 1000);
    const get = fixed.root.children[0];
    expect(fixed.root.self).toBeCloseTo(0.5); // 1 − ½ for the 1000 calls it made
    expect(get.self).toBeCloseTo(2); // 3 − ½ for its own calls − ½ for the calls it made
    expect(get.children[0].self).toBeCloseTo(5.5);
    expect(fixed.root.total).toBeCloseTo(8);
    expect(withoutOverhead(profile, 1e9).root.total).toBe(0); // never below zero
    expect(withoutOverhead(profile, 0)).toBe(profile);
  });

  it('sums each frame over the tree, sorted by self time', () => {
    expect(functionTable(profile).map((r) => [profile.frames[r.frame].name, r.calls, r.self, r.total])).toEqual([
      ['Array#indexOf', 1000, 6, 6], ['get', 1000, 3, 9],
    ]);
  });
});

// Runs a learner's spec outside of Vitest's own test list: first `learnSpec` calls the
// spec once to collect its tests, then `runTest` runs one of them against one kind of
// cache. The spec's `create` makes caches of whatever kind the current run is about, and
// meters every call on them, so a test that would loop forever on a broken cache stops.
import { expect } from 'vitest';
import type { CacheFactory, Expect, LRUCache, LRUOptions, LRUStats, Spec, SpecKit } from '@impl/lru-cache-tests/spec-kit';
import type { CacheDesign } from './correct-caches';

/** Fewer tests than this cannot be a specification of the cache; `sound` asks for at least this many. */
export const MIN_TESTS = 5;
/** Cache calls one run of one test may make (a behaviour test needs a few dozen). */
export const CALL_BUDGET = 100_000;
/** How long an async test may take (nothing in the cache is async; this only ends a test that never settles). */
export const ASYNC_LIMIT_MS = 2_000;

export interface LearnerTest {
  name: string;
  body: () => unknown;
}

export interface LearnedSpec {
  tests: LearnerTest[];
  /** Why the spec could not be read completely (it threw, or returned a promise), with the learner's stack when there is one. */
  failure?: Error;
  /** Names given twice or left empty: each test needs its own name, the report uses it. */
  badNames: string[];
}

/** A failed expectation the grader raises itself; Vitest reports the name "AssertionError" as a failed test, not a crash. */
export class GradingError extends Error {
  name = 'AssertionError';
}

// ---- the kit the spec receives ---------------------------------------------------------

// Snapshots would write files beside this grader in Node and do not exist in the browser,
// so a test using one would be graded differently by each runtime: refused everywhere
// (they are not in the kit's types either).
const REFUSED_MATCHERS = new Set(['toMatchSnapshot', 'toMatchInlineSnapshot', 'toMatchFileSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot']);

/**
 * An assertion whose chains (`.not`, …) and matchers work as usual, except the refused
 * ones, and whose matcher calls are counted: `expect(x)` alone checks nothing.
 */
function guarded<T extends object>(assertion: T, run: Run): T {
  return new Proxy(assertion, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && REFUSED_MATCHERS.has(prop)) throw new Error(`${prop} is not available in this lab: state the expected value with toEqual`);
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value === 'function') {
        return function matcher(this: unknown, ...args: unknown[]) {
          run.assertions++;
          return (value as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
      // A chain step returns a new chai Assertion (it carries `__flags`): guard that one too.
      return value !== null && typeof value === 'object' && '__flags' in value ? guarded(value, run) : value;
    },
  });
}

interface Run {
  /** Makes the caches of this run. */
  create: CacheFactory;
  /** Matcher calls so far (`toBe`, `toEqual`, …). */
  assertions: number;
}

let collecting: LearnerTest[] | undefined;
let running: Run | undefined;

const kit: SpecKit = {
  test(name, body) {
    if (!collecting) throw new Error(`your test "${name}" was called ${running ? 'inside another test' : 'after spec() returned'}: declare every test while spec() runs`);
    if (typeof body !== 'function') throw new Error(`your test "${name}" needs a function as its body`);
    collecting.push({ name: String(name), body });
  },
  expect: ((actual: unknown, message?: string) => {
    if (!running) throw new Error('expect() checks values only inside a test: call it in the body of test()');
    return guarded(expect(actual, message), running);
  }) as unknown as Expect,
};

const create: CacheFactory = (capacity, options) => {
  if (!running) throw new Error('create() makes caches only inside a test: call it in the body of test(), not while declaring tests');
  return running.create(capacity, options);
};

/** Calls the spec once and keeps what it declares. */
export function learnSpec(spec: Spec): LearnedSpec {
  const tests: LearnerTest[] = [];
  let failure: Error | undefined;
  collecting = tests;
  try {
    if (typeof spec !== 'function') throw new Error('the export "spec" is not a function');
    const returned: unknown = spec(kit, create);
    if (isThenable(returned)) {
      failure = new GradingError('spec() returned a promise: declare every test synchronously, without await');
      returned.then(undefined, () => {});
    }
  } catch (err) {
    failure = withContext(err, 'spec() threw while declaring tests');
  } finally {
    collecting = undefined;
  }
  const seen = new Set<string>();
  const badNames: string[] = [];
  for (const { name } of tests) {
    if (!name.trim()) badNames.push('(a test with an empty name)');
    else if (seen.has(name)) badNames.push(name);
    seen.add(name);
  }
  return { tests, badNames, ...(failure ? { failure } : {}) };
}

// ---- running one test against one kind of cache ---------------------------------------

export type Outcome =
  | { passed: true; assertions: number }
  | { passed: false; error: unknown };

export async function runTest(test: LearnerTest, make: CacheFactory): Promise<Outcome> {
  const meter = new Meter();
  const run: Run = { create: (capacity, options) => metered(make(capacity, options), meter), assertions: 0 };
  running = run;
  try {
    const returned = test.body();
    if (isThenable(returned)) await withinLimit(returned, ASYNC_LIMIT_MS);
    return { passed: true, assertions: run.assertions };
  } catch (error) {
    return { passed: false, error };
  } finally {
    running = undefined;
  }
}

/** Whether a test passes on every correct cache and asserts something; memoized, as both kinds of task ask. */
export type Soundness = { sound: true } | { sound: false; error: Error };

const soundness = new Map<LearnerTest, Promise<Soundness>>();

export function judgeOnCorrectCaches(test: LearnerTest, designs: readonly CacheDesign[]): Promise<Soundness> {
  let verdict = soundness.get(test);
  if (!verdict) soundness.set(test, (verdict = judge(test, designs)));
  return verdict;
}

async function judge(test: LearnerTest, designs: readonly CacheDesign[]): Promise<Soundness> {
  const outcomes = [];
  for (const design of designs) outcomes.push({ design, outcome: await runTest(test, design.create) });
  const failed = outcomes.find(({ outcome }) => !outcome.passed);
  if (failed && !failed.outcome.passed) {
    const passedOn = outcomes.filter(({ outcome }) => outcome.passed).map(({ design }) => design.label);
    const why = passedOn.length
      ? `fails on a correct cache (the ${failed.design.label}), though it passes on the ${passedOn.join(' and the ')}: it relies on something the contract leaves open, or on state left over from an earlier run`
      : 'fails on every correct cache';
    return { sound: false, error: withContext(failed.outcome.error, why) };
  }
  if (outcomes.some(({ outcome }) => outcome.passed && outcome.assertions === 0)) {
    return { sound: false, error: new GradingError('makes no assertion: a test that checks nothing passes on every cache, broken or not. Finish each expect() with a matcher, such as expect(x).toBe(y).') };
  }
  return { sound: true };
}

// ---- metering ---------------------------------------------------------------------------

class Meter {
  private calls = 0;

  tick(): void {
    if (++this.calls > CALL_BUDGET) {
      throw new Error(`stopped after ${CALL_BUDGET.toLocaleString('en')} calls on caches in one run: the test would loop forever on this cache, or does far more work than a behaviour test needs`);
    }
  }
}

/**
 * The cache a learner's test holds: every kind looks the same from outside (a test cannot
 * tell a broken cache by its class), and every call counts against the run's budget.
 */
class MeteredCache<K, V> implements LRUCache<K, V> {
  readonly #inner: LRUCache<K, V>;
  readonly #meter: Meter;

  constructor(inner: LRUCache<K, V>, meter: Meter) {
    this.#inner = inner;
    this.#meter = meter;
  }

  get size(): number {
    this.#meter.tick();
    return this.#inner.size;
  }

  get capacity(): number {
    this.#meter.tick();
    return this.#inner.capacity;
  }

  set capacity(capacity: number) {
    this.#meter.tick();
    this.#inner.capacity = capacity;
  }

  get stats(): LRUStats {
    this.#meter.tick();
    return this.#inner.stats;
  }

  get(key: K): V | undefined {
    this.#meter.tick();
    return this.#inner.get(key);
  }

  set(key: K, value: V): this {
    this.#meter.tick();
    this.#inner.set(key, value);
    return this;
  }

  has(key: K): boolean {
    this.#meter.tick();
    return this.#inner.has(key);
  }

  peek(key: K): V | undefined {
    this.#meter.tick();
    return this.#inner.peek(key);
  }

  delete(key: K): boolean {
    this.#meter.tick();
    return this.#inner.delete(key);
  }

  clear(): void {
    this.#meter.tick();
    this.#inner.clear();
  }

  keys(): IterableIterator<K> {
    this.#meter.tick();
    return this.#inner.keys();
  }

  values(): IterableIterator<V> {
    this.#meter.tick();
    return this.#inner.values();
  }

  entries(): IterableIterator<[K, V]> {
    this.#meter.tick();
    return this.#inner.entries();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

function metered<K, V>(cache: LRUCache<K, V>, meter: Meter): LRUCache<K, V> {
  meter.tick();
  return new MeteredCache(cache, meter);
}

// ---- small helpers ----------------------------------------------------------------------

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

async function withinLimit(promise: PromiseLike<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s (nothing in the cache is async: does it await something that never settles?)`)), ms);
  });
  try {
    await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of what a test threw, for one-line reports. */
export function errorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0];
}

/**
 * The learner's own error, with the grader's context in front. Its expected/actual and its
 * place in their file are kept; whatever it was (a TypeError, a thrown string), the report
 * shows it as a failed check of the learner's test, naming what was thrown.
 */
function withContext(err: unknown, context: string): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error.name === 'AssertionError') {
    error.message = `${context}: ${error.message}`;
  } else {
    error.message = `${context}: ${error.name}: ${error.message}`;
    // Defined, not assigned: some error classes only have a getter for `name`.
    Object.defineProperty(error, 'name', { value: 'AssertionError', configurable: true });
  }
  return error;
}

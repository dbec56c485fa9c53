// Your specification of the LRU cache, written as tests.
//
// The grader calls spec() once to learn your tests, then runs each test
// against several caches: three correct ones (every test must pass on all
// three) and a few dozen broken ones (each must make at least one of your
// tests fail). `create` makes a cache of whichever kind is being tested;
// spec-kit.ts holds the contract.
//
// Write one test per behaviour, named as a sentence that states it. Ideas,
// by the grader's tasks:
// - recency: what counts as a use of a key, and what does not
// - eviction: which entry goes, and when
// - onEvict: when, how often, with what, and in what state of the cache
// - bookkeeping: size, delete, clear, stats
// - edge cases: capacity 1, invalid capacities, values that look empty,
//   keys that look alike
import type { CacheFactory, SpecKit } from './spec-kit';

export function spec({ test, expect }: SpecKit, create: CacheFactory): void {
  test('get returns what set stored', () => {
    const cache = create<string, number>(3);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
  });
}

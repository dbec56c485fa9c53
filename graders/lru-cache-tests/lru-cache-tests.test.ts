// Grades the learner's tests, not a cache: every test must pass on three correct caches
// (task "sound"), and every broken cache of buggy-caches.ts must make at least one of
// those tests fail (one task per family of bugs). Which test caught a bug is printed
// with the bug's result; a bug nobody caught fails with the count of tests it survived.
import { describe, it } from 'vitest';
import { spec } from '@impl/lru-cache-tests/lru-cache.spec';
import type { LRUCache, LRUOptions } from '@impl/lru-cache-tests/spec-kit';
import { CORRECT_DESIGNS } from './correct-caches';
import * as broken from './buggy-caches';
import { GradingError, MIN_TESTS, errorLine, judgeOnCorrectCaches, learnSpec, runTest, type LearnerTest } from './spec-harness';

const learned = learnSpec(spec);

/** Learner test names inside the grader's own names and messages stay readable on one line. */
const short = (name: string) => (name.length > 100 ? `${name.slice(0, 99)}…` : name);

const declared = learned.tests.map((test, index) => [short(test.name), index] as const);

describe('sound', () => {
  // The name spells MIN_TESTS out (5) so that messages.json can translate it.
  it('your spec declares at least 5 tests, each with its own name', () => {
    if (MIN_TESTS !== 5) throw new Error('the test name says 5: keep it equal to MIN_TESTS');
    if (learned.failure) throw learned.failure;
    if (learned.tests.length < MIN_TESTS) throw new GradingError(`it declares ${learned.tests.length} test(s); a specification of the cache needs at least ${MIN_TESTS}`);
    if (learned.badNames.length) throw new GradingError(`give each test its own, non-empty name; repeated or empty: ${learned.badNames.map((n) => `"${short(n)}"`).join(', ')}`);
  });

  it.each(declared)('your test "%s" passes on every correct cache', async (_, index) => {
    const verdict = await judgeOnCorrectCaches(learned.tests[index], CORRECT_DESIGNS);
    if (!verdict.sound) throw verdict.error;
  });
});

/** The tests that count: those that pass on every correct cache and assert something. */
async function countedTests(): Promise<LearnerTest[]> {
  const counted: LearnerTest[] = [];
  for (const test of learned.tests) if ((await judgeOnCorrectCaches(test, CORRECT_DESIGNS)).sound) counted.push(test);
  return counted;
}

type BrokenCache = new <K, V>(capacity: number, options?: LRUOptions<K, V>) => LRUCache<K, V>;

/** Passes when at least one counted test fails on caches of this kind, and prints which did. */
async function expectCaught(Cache: BrokenCache): Promise<void> {
  if (learned.failure) throw new GradingError(`your spec could not be read (see task "sound"): ${errorLine(learned.failure)}`);
  const counted = await countedTests();
  const caughtBy: string[] = [];
  for (const test of counted) {
    const outcome = await runTest(test, (capacity, options) => new Cache(capacity, options));
    if (!outcome.passed) caughtBy.push(`"${short(test.name)}" (${short(errorLine(outcome.error))})`);
  }
  if (caughtBy.length === 0) throw new GradingError(notCaught(counted.length, learned.tests.length - counted.length));
  const shown = caughtBy.slice(0, 3).join('; ') + (caughtBy.length > 3 ? `; and ${caughtBy.length - 3} more` : '');
  console.log(`caught by ${caughtBy.length === 1 ? 'your test' : `${caughtBy.length} of your tests`}: ${shown}`);
}

function notCaught(counted: number, uncounted: number): string {
  if (counted === 0) return 'none of your tests counts yet: a test counts once it passes on every correct cache and asserts something (see task "sound")';
  const survived = counted === 1 ? 'your one counted test passes on this cache too' : `all ${counted} of your counted tests pass on this cache too`;
  if (!uncounted) return survived;
  const rest = uncounted === 1
    ? '1 more does not count: it fails on a correct cache or asserts nothing'
    : `${uncounted} more do not count: they fail on a correct cache or assert nothing`;
  return `${survived} (${rest}, see task "sound")`;
}

// Each test below is one broken cache, named by what it gets wrong.

describe('recency-bugs', () => {
  it('a cache whose get leaves the key where it was in the recency order', () => expectCaught(broken.GetLeavesKeyInPlace));
  it('a cache that moves a key it uses one place up, not to the front', () => expectCaught(broken.MovesOneStep));
  it('a cache where updating a key keeps its old place in the order', () => expectCaught(broken.UpdateKeepsPlace));
  it('a cache whose peek counts as a use of the key', () => expectCaught(broken.PeekRefreshes));
  it('a cache whose has counts as a use of the key', () => expectCaught(broken.HasRefreshes));
  it('a cache that lists its entries oldest first', () => expectCaught(broken.IteratesOldestFirst));
});

describe('eviction-bugs', () => {
  it('a full cache that throws out the entry it has just added', () => expectCaught(broken.EvictsNewest));
  it('a cache that holds one entry more than its capacity', () => expectCaught(broken.KeepsOneExtra));
  it('a full cache that evicts an entry when an existing key is updated', () => expectCaught(broken.UpdateEvictsWhenFull));
  it('a cache that keeps its surplus entries when the capacity is lowered', () => expectCaught(broken.ShrinkKeepsExtra));
  it('a cache that drops its newest entries when the capacity is lowered', () => expectCaught(broken.ShrinkEvictsNewest));
});

describe('callback-bugs', () => {
  it('a cache that calls onEvict while the evicted entry is still in it', () => expectCaught(broken.NotifiesBeforeRemoving));
  it('a cache that calls onEvict twice per evicted entry', () => expectCaught(broken.NotifiesTwice));
  it('a cache that hands onEvict the value being set instead of the evicted one', () => expectCaught(broken.NotifiesWithNewValue));
  it('a cache that calls onEvict on delete', () => expectCaught(broken.NotifiesOnDelete));
  it('a cache that calls onEvict for every entry on clear', () => expectCaught(broken.NotifiesOnClear));
});

describe('bookkeeping-bugs', () => {
  it('a cache whose size grows when an existing key is updated', () => expectCaught(broken.SizeCountsUpdates));
  it('a cache whose delete leaves the key in its recency list', () => expectCaught(broken.DeleteLeavesKeyInList));
  it('a cache whose clear leaves the old keys in its recency list', () => expectCaught(broken.ClearLeavesKeysInList));
  it('a cache whose clear also resets the hit, miss and eviction counts', () => expectCaught(broken.ClearResetsStats));
  it('a cache whose peek counts hits and misses', () => expectCaught(broken.PeekCountsStats));
  it('a cache that does not count evictions caused by lowering the capacity', () => expectCaught(broken.ShrinkNotCounted));
});

describe('edge-case-bugs', () => {
  it('a cache that refuses a capacity of 1', () => expectCaught(broken.RefusesCapacityOne));
  it('a cache that accepts a capacity of 0', () => expectCaught(broken.AcceptsCapacityZero));
  it('a cache whose capacity setter accepts any number', () => expectCaught(broken.SetterTakesAnyCapacity));
  it('a cache that takes a stored undefined for a miss', () => expectCaught(broken.UndefinedIsMiss));
  it('a cache that takes a stored 0, empty string or false for a miss', () => expectCaught(broken.FalsyIsMiss));
  it('a cache that treats keys with the same text as one key', () => expectCaught(broken.StringKeys));
});

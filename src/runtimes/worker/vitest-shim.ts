// What `import … from 'vitest'` gives a grader in the browser worker: the runner's
// describe/it and hooks, @vitest/expect's `expect` set up the way Vitest sets it up,
// and @vitest/spy's `vi.fn`/`vi.spyOn`. Snapshots, fake timers and module mocks are
// not here; graders inject clocks instead (docs/lab-format.md).
import {
  afterAll, afterEach, beforeAll, beforeEach, describe, getCurrentTest, it, onTestFailed, onTestFinished, suite, test,
} from '@vitest/runner';
import type { Test } from '@vitest/runner';
import {
  ASYMMETRIC_MATCHERS_OBJECT, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, addCustomEqualityTesters,
  chai, customMatchers, getState, setState,
} from '@vitest/expect';
import { clearAllMocks, fn, isMockFunction, resetAllMocks, restoreAllMocks, spyOn } from '@vitest/spy';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type AnyExpect = ((value: unknown, message?: string) => unknown) & Record<string, any>;

/** A copy of Vitest's own createExpect, minus snapshots and polling. */
export function createExpect(forTest?: Test): AnyExpect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never);
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    const assertion = chai.expect(value, message) as any;
    const current = forTest ?? getCurrentTest();
    return current ? assertion.withTest(current) : assertion;
  }) as AnyExpect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as any)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect as never);
  expect.setState = (state: object) => setState(state as never, expect as never);
  setState({
    assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null,
    expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null,
    testPath: forTest?.file?.filepath, currentTestName: forTest?.fullTestName ?? forTest?.name ?? '',
  } as never, expect as never);
  expect.assert = chai.assert;
  expect.extend = (matchers: object) => (chai.expect as any).extend(expect, matchers);
  expect.addEqualityTesters = addCustomEqualityTesters;
  expect.soft = (value: unknown, message?: string) => (expect(value, message) as any).withContext({ soft: true });
  expect.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  expect.extend(customMatchers);
  return expect;
}

export const expect = createExpect();
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });

const unavailable = (what: string) => () => {
  throw new Error(`vi.${what} is not available in the browser runtime: graders inject a FakeClock or a fake instead`);
};

export const vi = {
  fn, spyOn, isMockFunction, clearAllMocks, resetAllMocks, restoreAllMocks,
  mocked: <T>(x: T) => x,
  useFakeTimers: unavailable('useFakeTimers'),
  useRealTimers: () => vi,
  mock: unavailable('mock'),
  stubGlobal: unavailable('stubGlobal'),
};

export const assert = chai.assert;

export { afterAll, afterEach, beforeAll, beforeEach, describe, it, onTestFailed, onTestFinished, suite, test, chai };

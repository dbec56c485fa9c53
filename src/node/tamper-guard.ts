// A Vitest setup file for grading in Node. It runs in each grader file's context
// before the learner's code loads, and makes the usual classroom tricks fail loudly:
// patching expect's matchers, patching the clocks graders read, exiting early.
// It is not a sandbox: see docs/grading-at-scale.md for what it does not stop.
import { afterAll, afterEach, chai, expect, vi } from 'vitest';
import { canaryMessage, silentMatchers } from './sandbox/canaries';

const realNow = performance.now;
const realDateNow = Date.now;
const assertionProto = chai.Assertion.prototype as unknown as Record<string, unknown>;
const matchers = (globalThis as Record<symbol, { matchers?: object }>)[Symbol.for('$$jest-matchers-object')]?.matchers;

// Freeze rather than only detect: a patch made and undone between two checks would slip past a detector.
Object.freeze(assertionProto);
if (matchers) Object.freeze(matchers);
Object.defineProperty(performance, 'now', { value: realNow, writable: false, configurable: false });
Object.defineProperty(Date, 'now', { value: realDateNow, writable: false, configurable: false });
// Back doors to the file system and child processes that need no import.
for (const door of ['getBuiltinModule', 'binding', '_linkedBinding', 'dlopen'] as const) {
  Object.defineProperty(process, door, { value: () => { throw new Error(`grading: process.${door} is not available to learner code`); }, configurable: false });
}

/** Fails the grader file when a canary assertion stops failing: the matchers were tampered with. */
function checkCanaries(): void {
  const silent = canaryMessage(silentMatchers(expect, vi.fn));
  if (silent) throw new Error(`tampering detected: ${silent}`);
  if (performance.now !== realNow || Date.now !== realDateNow) throw new Error('tampering detected: a clock the graders read was replaced');
}

afterEach(checkCanaries);
afterAll(checkCanaries);

// Shared pieces for the agent-executor graders: tasks that count how many run at
// once, and a loop that moves a FakeClock until some work has finished.
import { expect } from 'vitest';
import type { FakeClock } from '@grader-kit';

/** Counts tasks in flight and remembers the most seen at once. */
export class InFlight {
  now = 0;
  max = 0;
  enter(): void {
    this.max = Math.max(this.max, ++this.now);
  }
  leave(): void {
    this.now--;
  }
}

/** Resolves after `ms` of fake time. */
export const fakeSleep = (clock: FakeClock, ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

/**
 * Advances the clock `stepMs` at a time until `promise` settles (or `limitMs` of
 * fake time pass, a sign of a hang). Returns the fake time at which it settled.
 */
export async function runOnClock<T>(clock: FakeClock, promise: Promise<T>, stepMs = 1, limitMs = 1_000_000): Promise<{ value: T; at: number }> {
  let done = false;
  let at = NaN;
  const watched = promise.finally(() => {
    done = true;
    at = clock.now();
  });
  watched.catch(() => {}); // the caller sees the rejection through the returned promise
  const start = clock.now();
  while (!done && clock.now() - start < limitMs) await clock.advance(stepMs);
  if (!done) throw new Error(`still not settled after ${limitMs} ms of fake time`);
  return { value: await watched, at };
}

/**
 * Expects `value` to be an instance of `type`, comparing class names so that a miss
 * reads "expected Error: not implemented to be 'TimeoutError'" in every runtime.
 */
export function expectInstanceOf(value: unknown, type: abstract new (...args: never[]) => unknown): void {
  expect(value instanceof type ? type.name : value).toBe(type.name);
}

/**
 * A MetricsSink that records every call. It keeps the labels object it was given (as a real
 * registry may) beside a copy taken at the call, so a sink that reuses one labels object shows.
 */
export class RecordingSink {
  readonly calls: Array<{ kind: 'increment' | 'observe'; name: string; labels: Readonly<Record<string, string>>; atCall: string; value?: number }> = [];

  increment(name: string, labels: Readonly<Record<string, string>>): void {
    this.calls.push({ kind: 'increment', name, labels, atCall: JSON.stringify(labels) });
  }

  observe(name: string, labels: Readonly<Record<string, string>>, value: number): void {
    this.calls.push({ kind: 'observe', name, labels, atCall: JSON.stringify(labels), value });
  }

  /** Increments of `name`, counted by their status label ('' without one). */
  counts(name: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) if (c.kind === 'increment' && c.name === name) out[c.labels.status ?? ''] = (out[c.labels.status ?? ''] ?? 0) + 1;
    return out;
  }

  /** Observations of `name` per status label, each list sorted. */
  observations(name: string): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const c of this.calls) if (c.kind === 'observe' && c.name === name) (out[c.labels.status ?? ''] ??= []).push(c.value!);
    for (const list of Object.values(out)) list.sort((a, b) => a - b);
    return out;
  }
}

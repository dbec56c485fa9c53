// The grading worker's console: 100k lines in a tight loop reach the page as a handful of
// batches (at most one per 50 ms), only the kept lines travel, and printing keeps the
// watchdog's heartbeat going, so a loop that logs is never taken for "no progress".
import { describe, expect, it } from 'vitest';
import { onHeartbeat } from '../../src/runtimes/worker/heartbeat';
import { WorkerConsole, type ConsoleBatch } from '../../src/runtimes/worker/console';
import { CONSOLE_LIMITS } from '../../src/core/console-capture';

describe('worker console', () => {
  it('batches, caps and beats while a loop prints 100k lines', async () => {
    const sent: ConsoleBatch[][] = [];
    let beats = 0;
    onHeartbeat(() => { beats++; });
    const printed = new WorkerConsole((batch) => sent.push(batch));
    const real = console.log;
    printed.install();
    try {
      printed.setTest({ id: 't1', name: 'a chatty test' });
      const started = Date.now();
      // Long enough to span several heartbeat periods (250 ms) on any machine.
      for (let i = 0; Date.now() - started < 700 || i < 100_000; i++) console.log('line', i);
      printed.setTest(undefined);
      console.log('between tests: charged to no test');
    } finally {
      printed.restore();
    }
    expect(console.log).toBe(real);
    const lines = sent.flat().flatMap((b) => b.lines);
    expect(lines).toHaveLength(CONSOLE_LIMITS.linesPerTest);
    expect(lines[0]).toBe('line 0');
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(beats).toBeGreaterThanOrEqual(2);
    const kept = printed.capture.of('t1')!;
    expect(kept.dropped).toBeGreaterThan(100_000 - CONSOLE_LIMITS.linesPerTest - 1);
  });
});

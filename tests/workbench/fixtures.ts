// A small lab for the workbench's own tests, independent of the course labs that
// are still being written: one correctness task, one latency target, one Node-only task.
import { parseLab } from '../../src/core/lab';
import type { LabBundle } from '../../src/runtimes/types';

export const demoLab = parseLab('wb-demo/lab.json', JSON.stringify({
  slug: 'wb-demo', order: 999, section: '3.1', chapter: '3-1-profiling',
  title: { zh: '演示栈', en: 'Demo stack' }, summary: { zh: '栈', en: 'A stack' },
  files: ['stack.ts'],
  tasks: [
    { id: 'basics', points: 2, title: { zh: '基本操作', en: 'Basics' } },
    { id: 'push-is-fast', points: 1, kind: 'performance', title: { zh: '快速 push', en: 'Fast push' } },
    { id: 'persists', points: 1, env: 'node', title: { zh: '持久化', en: 'Persists' } },
  ],
}));

export const scaffold = `/** A LIFO stack. */
export class Stack<T> {
  push(value: T): void {
    throw new Error('not implemented: push');
  }

  pop(): T | undefined {
    throw new Error('not implemented: pop');
  }

  get size(): number {
    return 0;
  }
}
`;

export const solution = `/** A LIFO stack. */
export class Stack<T> {
  private items: T[] = [];

  push(value: T): void {
    this.items.push(value);
  }

  pop(): T | undefined {
    return this.items.pop();
  }

  get size(): number {
    return this.items.length;
  }
}
`;

/** Pops from the wrong end: fails the ordering test with a diff. */
export const buggy = solution.replace('return this.items.pop();', 'return this.items.shift();');

/** Line 5 does not parse. */
export const broken = solution.replace('this.items.push(value);', 'this.items.push(value;');

/** Never returns from push. */
export const looping = solution.replace('this.items.push(value);', 'while (true) {}');

export const graders: Record<string, string> = {
  'stack.test.ts': `import { describe, expect, it } from 'vitest';
import { expectPerf, interleavedRatio, nsPerOp } from '@grader-kit';
import { Stack } from '@impl/wb-demo/stack';
import { drain } from './helpers';

describe('basics', () => {
  it('pop returns the last pushed value', () => {
    const s = new Stack<number>();
    s.push(1);
    s.push(2);
    expect(drain(s)).toEqual([2, 1]);
  });
  it('size counts values', () => {
    const s = new Stack<string>();
    s.push('a');
    expect(s.size).toBe(1);
  });
});

describe('push-is-fast', () => {
  it('push costs about what Array#push costs', async ({ task }) => {
    const { ratio, samples } = await interleavedRatio(
      () => nsPerOp((i) => new Stack<number>().push(i), { sampleMs: 10 }),
      () => nsPerOp((i) => [].push(i as never), { sampleMs: 10 }),
    );
    expectPerf(task, { metric: 'push ÷ Array#push', observed: ratio, target: 50, unit: '×', direction: 'max', samples });
  });
});
`,
  'helpers.ts': `export function drain<T>(s: { pop(): T | undefined; size: number }): T[] {
  const out: T[] = [];
  while (s.size > 0) out.push(s.pop() as T);
  return out;
}
`,
};

export const bundle: LabBundle = { lab: demoLab, scaffold: { 'stack.ts': scaffold }, given: {}, graders };

// The WebContainer runtime's whole path against a faithful fake of @webcontainer/api:
// boot, mount the workspace into a temp dir, run the real Vitest with the CLI's
// GradeReporter in a real process, stream its output, parse the GradeReport.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebContainerRuntime, type ContainerApi } from '../../src/runtimes/webcontainer-runtime';
import { WORKSPACE_SOURCES } from '../../src/runtimes/webcontainer-workspace';
import { FakeWebContainer } from './fake-webcontainer';
import { broken, bundle, buggy, solution } from './fixtures';

const ROOT = join(import.meta.dirname, '../..');
const sources = Object.fromEntries(WORKSPACE_SOURCES.map((p) => [p, readFileSync(join(ROOT, p), 'utf8')]));
const api = FakeWebContainer as unknown as ContainerApi;

describe('WebContainer runtime (fake container, real Vitest)', () => {
  let runtime: WebContainerRuntime;
  beforeAll(async () => {
    FakeWebContainer.settings = { nodeModules: join(ROOT, 'node_modules') };
    runtime = await WebContainerRuntime.start(api, { sources });
  });
  afterAll(() => runtime?.dispose());

  it('grades the reference: every browser task passes, the Node-only task is skipped, output streams', async () => {
    let output = '';
    const report = await runtime.run({ bundle, files: { 'stack.ts': solution }, locale: 'en' }, (e) => {
      if (e.type === 'output') output += e.text;
    });
    expect(report.runtime).toBe('webcontainer');
    expect(report.tasks.map((t) => [t.id, t.status])).toEqual([['basics', 'pass'], ['push-is-fast', 'pass'], ['persists', 'skip']]);
    expect(report.status).toBe('pass');
    expect(report.tests.find((t) => t.perf)?.perf?.samples).toHaveLength(5);
    expect(output).toMatch(/stack\.test\.ts/);
  });

  it("a wrong answer fails with a diff, in the page's locale", async () => {
    const report = await runtime.run({ bundle, files: { 'stack.ts': buggy }, locale: 'zh' });
    expect(report.status).toBe('fail');
    const test = report.tests.find((t) => t.name === 'pop returns the last pushed value')!;
    expect(test.status).toBe('fail');
    expect(test.diff).toContain('Expected');
    expect(report.tasks.find((t) => t.id === 'persists')!.message).toBe('此任务只在命令行评分（需要 Node）');
  });

  it('runs the same pre-checks before starting Vitest', async () => {
    let output = '';
    const report = await runtime.run({ bundle, files: { 'stack.ts': solution.replace('export class Stack', 'class Stack') }, locale: 'en' }, (e) => {
      if (e.type === 'output') output += e.text;
    });
    expect(report).toMatchObject({ runtime: 'webcontainer', status: 'error', reason: { kind: 'missing-exports' }, message: 'stack.ts does not export Stack' });
    expect(output).toBe('');
  });

  it('a syntax error is an error report naming the file', async () => {
    const report = await runtime.run({ bundle, files: { 'stack.ts': broken }, locale: 'en' });
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/stack\.ts/);
  });
});

describe('WebContainer boot failures', () => {
  it('a boot that fails rejects, so the page can fall back', async () => {
    FakeWebContainer.settings = { bootFails: new Error('Unable to create more instances') };
    await expect(WebContainerRuntime.start(api, { sources })).rejects.toThrow('Unable to create more instances');
  });

  it('a boot that never finishes times out', async () => {
    FakeWebContainer.settings = { bootHangs: true };
    await expect(WebContainerRuntime.start(api, { sources, bootTimeoutMs: 300 })).rejects.toThrow(/boot timed out/);
  });
});

// `workbook profile`: the lab's workload under V8's own profilers, in a child process.
// The files it writes must be what DevTools and speedscope read (.cpuprofile: nodes,
// samples, timeDeltas; .heapprofile: head, samples), and what it prints must name the
// implementation's functions with their lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/catalog/paths';
import { fromCpuProfile, type CpuProfile, type HeapProfile } from '../../src/profiler/profile';

const workbook = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'bin/workbook.mjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('workbook profile', () => {
  it('writes a .cpuprofile and a .heapprofile DevTools can open, and prints the top functions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-profile-test-'));
    const out = join(dir, 'lru.cpuprofile');
    const run = workbook('profile', 'lru-cache', '--impl', 'solutions', '--out', out, '--heap', '--top', '8');
    expect(run.status, run.stderr).toBe(0);

    const cpu = JSON.parse(readFileSync(out, 'utf8')) as CpuProfile;
    expect(cpu.nodes.length).toBeGreaterThan(1);
    for (const node of cpu.nodes) {
      expect(node).toMatchObject({ id: expect.any(Number), callFrame: { functionName: expect.any(String), url: expect.any(String), lineNumber: expect.any(Number) } });
    }
    expect(cpu.samples.length).toBeGreaterThan(0);
    expect(cpu.timeDeltas).toHaveLength(cpu.samples.length);
    expect(cpu.endTime).toBeGreaterThan(cpu.startTime);
    const ids = new Set(cpu.nodes.map((n) => n.id));
    expect(cpu.samples.every((id) => ids.has(id))).toBe(true);
    // The lab's functions are there, on the lines the learner wrote (sucrase keeps them).
    const source = readFileSync(join(REPO_ROOT, 'solutions/lru-cache/lru-cache.ts'), 'utf8').split('\n');
    const get = cpu.nodes.find((n) => n.callFrame.functionName === 'get' && n.callFrame.url.endsWith('/lru-cache/lru-cache.ts'));
    expect(get, 'LRUCache.get was sampled').toBeDefined();
    expect(source[get!.callFrame.lineNumber]).toMatch(/^\s+get\(key: K\)/);

    const heap = JSON.parse(readFileSync(join(dir, 'lru.heapprofile'), 'utf8')) as HeapProfile;
    expect(heap.head.callFrame).toBeDefined();
    expect(Array.isArray(heap.head.children)).toBe(true);
    expect(heap.samples.length).toBeGreaterThan(0);

    expect(run.stdout).toContain('top functions by self time');
    expect(run.stdout).toMatch(/\* get · lru-cache\.ts:\d+/);
    expect(run.stdout).toContain('top allocation sites by self size');
    // Line-level time for the busiest functions, with the learner's source beside it.
    expect(run.stdout).toMatch(/line by line: \w+ · lru-cache\.ts:\d+/);
    expect(run.stdout).toMatch(/^\s+\d+\s+[\d.]+%\s{2}\s*\S.*$/m);
    const profile = fromCpuProfile(cpu, () => ({ kind: 'other' }));
    expect(profile.root.total).toBeGreaterThan(0);
  });

  it('says why when the workload throws, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-profile-test-'));
    const out = join(dir, 'scaffold.cpuprofile');
    const run = workbook('profile', 'lru-cache', '--impl', 'labs', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the workload threw: not implemented.*\(lru-cache\.ts:\d+:\d+\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses bad usage with exit status 2', () => {
    expect(workbook('profile').status).toBe(2);
    expect(workbook('profile', 'no-such-lab').stderr).toContain('unknown lab "no-such-lab"');
  });
});

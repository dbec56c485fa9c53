// One shape for a profile, whoever made it: the in-page instrumenting profiler
// (./recorder.ts: exact call counts), V8's sampling CPU profiler and its sampling heap
// profiler in the CLI (converted here from .cpuprofile / .heapprofile). The flame graph,
// the table of functions and the CLI's top list all read this shape, so "self" and
// "total" mean the same thing everywhere.

/** Where a frame's code lives. */
export type FrameKind =
  /** The learner's (or the reference's) lab files. */
  | 'lab'
  /** The lab's workload (graders/<slug>/workload.ts) and the grader kit it uses. */
  | 'workload'
  /** A built-in such as Array#indexOf, timed at its call site. */
  | 'builtin'
  /** Anything else: the runtime, V8's own entries ("(garbage collector)"), libraries. */
  | 'other'
  /** The tree's root: the whole run. */
  | 'root';

export interface Frame {
  kind: FrameKind;
  /** "LRUCache.get", "Array#indexOf"; '' for an anonymous function. */
  name: string;
  /** For an anonymous function, the function it is written in; for a built-in, the function that called it. */
  context?: string;
  /** Relative to the lab folder ("lru-cache.ts"), or "workload.ts" for the workload; for a built-in, where it was called. */
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
}

export interface CallNode {
  /** Index into CallProfile.frames. */
  frame: number;
  /** Exact number of calls along this path; absent from sampled profiles. */
  calls?: number;
  /** Measured in this frame's own code, not in what it called. */
  self: number;
  /** self plus every descendant's. */
  total: number;
  children: CallNode[];
}

export interface CallProfile {
  /** instrumented: every call counted and timed; sampled: a stack recorded every interval. */
  method: 'instrumented' | 'sampled';
  /** What self and total measure: milliseconds of CPU time, or bytes allocated. */
  unit: 'ms' | 'bytes';
  frames: Frame[];
  /** Frame 0: the whole run. */
  root: CallNode;
  /** Wall time of the run, ms. */
  wallMs: number;
}

/** A row of the table of functions: one frame, summed over every path that reached it. */
export interface FunctionRow {
  frame: number;
  calls?: number;
  self: number;
  /** Counted once per outermost call, so recursion does not count a call twice. */
  total: number;
}

/** Every frame except the root, with calls, self and total summed over the tree; sorted by self, largest first. */
export function functionTable(profile: CallProfile): FunctionRow[] {
  const rows = new Map<number, FunctionRow>();
  const onPath = new Map<number, number>();
  const walk = (node: CallNode) => {
    if (node.frame !== 0) {
      const row = rows.get(node.frame) ?? { frame: node.frame, self: 0, total: 0, ...(node.calls === undefined ? {} : { calls: 0 }) };
      row.self += node.self;
      if (node.calls !== undefined) row.calls = (row.calls ?? 0) + node.calls;
      if (!onPath.get(node.frame)) row.total += node.total;
      rows.set(node.frame, row);
    }
    onPath.set(node.frame, (onPath.get(node.frame) ?? 0) + 1);
    for (const child of node.children) walk(child);
    onPath.set(node.frame, onPath.get(node.frame)! - 1);
  };
  walk(profile.root);
  return [...rows.values()].sort((a, b) => b.self - a.self || b.total - a.total);
}

/** The frame where most self time (or memory) goes, outside the root: the first thing to look at. */
export function hotSpot(profile: CallProfile): FunctionRow | undefined {
  return functionTable(profile).find((row) => profile.frames[row.frame].kind !== 'other');
}

/** Sums self into total, bottom-up; returns the node. */
export function withTotals(node: CallNode): CallNode {
  node.total = node.self;
  for (const child of node.children) node.total += withTotals(child).total;
  return node;
}

/**
 * An instrumented profile with the instrumentation's own cost taken out, as Python's
 * profiler does with its calibrated bias: every call costs `nsPerCall` more than it would
 * (an enter and an exit, measured in the same thread), about half of it charged to the
 * function called and half to its caller. Each frame gives that back, never going below
 * zero; totals are summed again. Calls are exact and stay as they are.
 */
export function withoutOverhead(profile: CallProfile, nsPerCall: number): CallProfile {
  if (profile.method !== 'instrumented' || !(nsPerCall > 0)) return profile;
  const halfMs = nsPerCall / 2 / 1e6;
  const fix = (node: CallNode): CallNode => {
    const made = node.children.reduce((sum, child) => sum + (child.calls ?? 0), 0);
    return { ...node, self: Math.max(0, node.self - halfMs * ((node.calls ?? 0) + made)), children: node.children.map(fix) };
  };
  return { ...profile, root: withTotals(fix(profile.root)) };
}

/** Calls counted in a profile, all frames together (0 for a sampled one). */
export function totalCalls(profile: CallProfile): number {
  let calls = 0;
  const walk = (node: CallNode) => {
    calls += node.calls ?? 0;
    node.children.forEach(walk);
  };
  walk(profile.root);
  return calls;
}

// ---- V8's profiles (the CLI) -------------------------------------------------------

/** A V8 call frame, as in .cpuprofile and .heapprofile files (0-based line and column). */
export interface V8CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId?: string | number }

/** Chrome DevTools' .cpuprofile format (Profiler.stop's result). */
export interface CpuProfile {
  nodes: { id: number; callFrame: V8CallFrame; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Chrome DevTools' .heapprofile format (HeapProfiler.stopSampling's result). */
export interface HeapProfile {
  head: HeapNode;
  samples: { size: number; nodeId: number; ordinal: number }[];
}
interface HeapNode { callFrame: V8CallFrame; selfSize: number; id: number; children: HeapNode[] }

/** Says which of our kinds a V8 frame is and how to name its file (e.g. relative to the lab folder). */
export type ClassifyUrl = (url: string) => { kind: FrameKind; file?: string };

function v8Frames(classify: ClassifyUrl) {
  const frames: Frame[] = [{ kind: 'root', name: '(root)' }];
  const index = new Map<string, number>();
  const frameOf = (cf: V8CallFrame): number => {
    const key = `${cf.functionName}\0${cf.url}\0${cf.lineNumber}\0${cf.columnNumber}`;
    let i = index.get(key);
    if (i === undefined) {
      // No script: V8's own entries ("(program)", "(garbage collector)", "(idle)"), else a built-in ("indexOf").
      const { kind, file } = cf.url ? classify(cf.url) : { kind: cf.functionName.startsWith('(') ? 'other' as const : 'builtin' as const, file: undefined };
      frames.push({
        kind, name: cf.functionName,
        ...(file ? { file } : {}),
        ...(cf.url && cf.lineNumber >= 0 ? { line: cf.lineNumber + 1, column: cf.columnNumber + 1 } : {}),
      });
      i = frames.length - 1;
      index.set(key, i);
    }
    return i;
  };
  return { frames, frameOf };
}

/**
 * A .cpuprofile as a CallProfile. Each sample stands for the time until the next one
 * (the last for the mean interval), as DevTools and speedscope count it.
 */
export function fromCpuProfile(profile: CpuProfile, classify: ClassifyUrl): CallProfile {
  const { frames, frameOf } = v8Frames(classify);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  const meanUs = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  for (let i = 0; i < samples.length; i++) {
    const us = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : meanUs;
    selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + Math.max(0, us) / 1000);
  }
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const rootNode = profile.nodes.find((n) => !childIds.has(n.id));
  const build = (id: number, isRoot: boolean): CallNode => {
    const n = byId.get(id)!;
    return {
      frame: isRoot ? 0 : frameOf(n.callFrame),
      self: selfMs.get(id) ?? 0,
      total: 0,
      children: (n.children ?? []).map((c) => build(c, false)),
    };
  };
  const root = rootNode ? withTotals(build(rootNode.id, true)) : { frame: 0, self: 0, total: 0, children: [] };
  return { method: 'sampled', unit: 'ms', frames, root, wallMs: (profile.endTime - profile.startTime) / 1000 };
}

/** A .heapprofile as a CallProfile in bytes: self is what a frame allocated (sampled) and was still live when sampling stopped. */
export function fromHeapProfile(profile: HeapProfile, classify: ClassifyUrl, wallMs: number): CallProfile {
  const { frames, frameOf } = v8Frames(classify);
  const build = (n: HeapNode, isRoot: boolean): CallNode => ({
    frame: isRoot ? 0 : frameOf(n.callFrame),
    self: n.selfSize,
    total: 0,
    children: n.children.map((c) => build(c, false)),
  });
  return { method: 'sampled', unit: 'bytes', frames, root: withTotals(build(profile.head, true)), wallMs };
}

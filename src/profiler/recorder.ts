// The runtime half of the instrumenting profiler: instrumented code (./instrument.ts)
// calls these methods on every function entry and exit, at every await and yield, and
// at every call of a timed built-in. The recorder keeps a shadow call stack and a call
// tree: one clock read per event, the time since the last event charged as self time
// to whatever is on top of the stack. Time is CPU time in a frame: while an async
// function waits in `await` it is off the stack and charged nothing.
import { builtinLabels } from './builtins';
import type { Site } from './instrument';
import { withTotals, type CallNode, type CallProfile, type Frame } from './profile';

/** A site of instrumented code, with where it lives. */
export interface SiteInfo {
  site: Site;
  /** The file as the learner sees it ("lru-cache.ts", "workload.ts"). */
  file: string;
  kind: 'lab' | 'workload';
}

interface RecNode {
  frame: number;
  calls: number;
  self: number;
  children: Map<number, RecNode>;
}

/** A frame's state: on the stack, waiting in await/yield, or finished. */
const State = { Active: 0, Suspended: 1, Done: 2 } as const;
type State = (typeof State)[keyof typeof State];

/** One call in progress: what the instrumented function holds in its `__wbf` local. */
export interface CallFrame {
  node: RecNode;
  /** Where on the shadow stack this frame sits while active. */
  depth: number;
  state: State;
}

/** Handed out while the recorder is not recording: every operation on it does nothing. */
const OFF: CallFrame = { node: { frame: 0, calls: 0, self: 0, children: new Map() }, depth: -1, state: State.Done };

export interface RecorderOptions {
  clock?: () => number;
  /** Called at most every `beatMs` while instrumented code runs: proof of progress for the watchdog. */
  onBeat?: () => void;
  beatMs?: number;
}

export class Recorder {
  private readonly clock: () => number;
  private readonly labels = builtinLabels();
  private readonly frames: Frame[] = [{ kind: 'root', name: '' }];
  private readonly siteFrames: number[] = [];
  private readonly builtinFrames = new Map<string, number>();
  private root: RecNode = { frame: 0, calls: 0, self: 0, children: new Map() };
  private stack: RecNode[] = [this.root];
  private top: RecNode = this.root;
  private last = 0;
  private on = false;
  private startedAt = 0;
  private beatAt = 0;
  private readonly onBeat: () => void;
  private readonly beatMs: number;

  constructor(private readonly sites: readonly SiteInfo[], options: RecorderOptions = {}) {
    this.clock = options.clock ?? performance.now.bind(performance);
    this.onBeat = options.onBeat ?? (() => {});
    this.beatMs = options.beatMs ?? 250;
  }

  start(): void {
    this.root = { frame: 0, calls: 0, self: 0, children: new Map() };
    this.stack = [this.root];
    this.top = this.root;
    this.on = true;
    this.startedAt = this.last = this.beatAt = this.clock();
  }

  /** Stops recording and returns the call tree, times in milliseconds. */
  stop(): CallProfile {
    this.tick();
    this.on = false;
    const wallMs = this.last - this.startedAt;
    const convert = (n: RecNode): CallNode => ({
      frame: n.frame, calls: n.calls, self: n.self, total: 0, children: [...n.children.values()].map(convert),
    });
    const root = withTotals(convert(this.root));
    return { method: 'instrumented', unit: 'ms', frames: this.frames.map((f) => ({ ...f })), root, wallMs };
  }

  // ---- called by instrumented code (short names keep the inserted text small) ----------

  /** Enter: a function starts. */
  e(site: number): CallFrame {
    if (!this.on) return OFF;
    this.tick();
    const node = this.child(this.frameOfSite(site));
    node.calls++;
    const frame: CallFrame = { node, depth: this.stack.length, state: State.Active };
    this.push(node);
    return frame;
  }

  /** Exit: the function returned or threw. */
  x(frame: CallFrame): void {
    if (frame.state === State.Active) {
      this.tick();
      this.popTo(frame);
    }
    frame.state = State.Done;
  }

  /** Suspend: the function awaits or yields `value`; it is off the CPU until resumed. */
  s<T>(frame: CallFrame, value?: T): T | undefined {
    if (frame.state === State.Active) {
      this.tick();
      this.popTo(frame);
      frame.state = State.Suspended;
    }
    return value;
  }

  /** Resume: the function runs again (after an await, a yield, or in a catch/finally after a rejection). */
  r<T>(frame: CallFrame, value?: T): T | undefined {
    if (frame.state === State.Suspended && this.on) {
      this.tick();
      frame.depth = this.stack.length;
      this.push(frame.node);
      frame.state = State.Active;
    }
    return value;
  }

  /** Call: `recv[name](...args)`, timed as its own frame when it is one of the built-ins (./builtins.ts). */
  c(site: number, recv: any, name: string, args: unknown[]): unknown {
    const fn = recv[name];
    if (typeof fn !== 'function') {
      const s = this.sites[site]?.site;
      throw new TypeError(`${s?.kind === 'call' ? s.text : name} is not a function`);
    }
    const label = this.on ? this.labels.get(fn) : undefined;
    if (label === undefined) return Reflect.apply(fn, recv, args);
    this.tick();
    const node = this.child(this.frameOfBuiltin(site, label));
    node.calls++;
    const depth = this.stack.length;
    this.push(node);
    try {
      return Reflect.apply(fn, recv, args);
    } finally {
      this.tick();
      if (this.stack[depth] === node) this.truncate(depth);
    }
  }

  /**
   * For-await: an async iterable whose `next` marks the frame suspended while the loop
   * awaits the item (the loop body resumes it). A sync iterable is left as it is, since
   * wrapping it would change what the loop awaits; its waits then stay charged to the frame.
   */
  fa(frame: CallFrame, iterable: any): unknown {
    const make = iterable?.[Symbol.asyncIterator];
    if (typeof make !== 'function') return iterable;
    return {
      [Symbol.asyncIterator]: () => {
        const it = make.call(iterable);
        return {
          next: (v?: unknown) => {
            const p = it.next(v);
            this.s(frame);
            return p;
          },
          return: (v?: unknown) => {
            this.s(frame);
            return typeof it.return === 'function' ? it.return(v) : Promise.resolve({ done: true, value: v });
          },
        };
      },
    };
  }

  // ---- bookkeeping ---------------------------------------------------------------------

  /** Charges the time since the last event to the frame on top of the stack. */
  private tick(): void {
    const t = this.clock();
    this.top.self += t - this.last;
    this.last = t;
    if (t - this.beatAt > this.beatMs) {
      this.beatAt = t;
      this.onBeat();
    }
  }

  private push(node: RecNode): void {
    this.stack.push(node);
    this.top = node;
  }

  private popTo(frame: CallFrame): void {
    if (this.stack[frame.depth] === frame.node) this.truncate(frame.depth);
  }

  private truncate(depth: number): void {
    this.stack.length = Math.max(1, depth);
    this.top = this.stack[this.stack.length - 1];
  }

  private child(frame: number): RecNode {
    let node = this.top.children.get(frame);
    if (!node) {
      node = { frame, calls: 0, self: 0, children: new Map() };
      this.top.children.set(frame, node);
    }
    return node;
  }

  private frameOfSite(id: number): number {
    let frame = this.siteFrames[id];
    if (frame === undefined) {
      const info = this.sites[id];
      const site = info?.site;
      this.frames.push(site?.kind === 'function'
        ? { kind: info.kind, name: site.name, ...(site.context ? { context: site.context } : {}), file: info.file, line: site.line, column: site.column }
        : { kind: 'other', name: `site ${id}` });
      frame = this.siteFrames[id] = this.frames.length - 1;
    }
    return frame;
  }

  private frameOfBuiltin(site: number, label: string): number {
    const key = `${site}\0${label}`;
    let frame = this.builtinFrames.get(key);
    if (frame === undefined) {
      const info = this.sites[site];
      const call = info?.site.kind === 'call' ? info.site : undefined;
      this.frames.push({ kind: 'builtin', name: label, ...(call ? { context: call.caller, file: info.file, line: call.line, column: call.column } : {}) });
      frame = this.frames.length - 1;
      this.builtinFrames.set(key, frame);
    }
    return frame;
  }
}

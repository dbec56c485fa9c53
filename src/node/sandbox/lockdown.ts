// Freezes what grading relies on, after the grading code has loaded and before any
// submission code runs. Graders sort samples, read Maps, bind performance.now, compare with
// Object.is; the matchers call the same built-ins. A submission that patches one of them
// could move its own verdicts, so every standard built-in (and what hangs off it) is frozen:
// an attempt to change one throws, and the lab's report says so.
//
// Freezing has one well-known side effect (the "override mistake"): `this.name = 'X'` on an
// error, or `obj.toString = …`, would throw because the inherited property is read-only. The
// properties code commonly sets that way become accessors whose setter defines an own
// property on the instance, so honest code keeps working.

import { types } from 'node:util';

export interface LockdownOptions {
  /** Builds `error.stack`: the runner shows a submission only the frames of its own files. */
  prepareStackTrace: (error: Error, frames: NodeJS.CallSite[]) => string;
  /** Source text of grading code: `Function.prototype.toString` does not reveal it. */
  isGradingSource: (source: string) => boolean;
  /** More objects to freeze, one level only (their values hold library state that must change): the matchers, expect. */
  extra: object[];
}

/** Standard globals: ECMAScript's, and the web and Node APIs graders and the kit use. */
const GLOBALS = [
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'Promise', 'RegExp',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'JSON', 'Math', 'Reflect', 'Proxy', 'Intl', 'Atomics', 'WebAssembly',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent',
  'escape', 'unescape', 'eval',
  'performance', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'clearImmediate', 'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'AbortController', 'AbortSignal', 'EventTarget', 'Event', 'atob', 'btoa',
] as const;

/** Properties code sets on its own objects by assignment; they stay settable on instances. */
const OVERRIDABLE = ['constructor', 'name', 'message', 'toString', 'valueOf', 'toLocaleString', 'toJSON'];

export function lockdown(opts: LockdownOptions): void {
  const g = globalThis as Record<string, unknown>;
  const roots: unknown[] = GLOBALS.map((name) => g[name]).filter((v) => v !== undefined);
  // Intrinsics no global names: generator and async function prototypes, %TypedArray%, iterators.
  roots.push(
    Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(async function* () {}), Object.getPrototypeOf(Int8Array),
    Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(new Map().entries()),
    Object.getPrototypeOf(new Set().values()), Object.getPrototypeOf(''[Symbol.iterator]()),
    Object.getPrototypeOf(/x/[Symbol.matchAll]('')),
  );

  hideGradingSource(opts.isGradingSource);
  lockErrorConstructor(opts.prepareStackTrace);
  const seen = new Set<unknown>([globalThis, process]);
  for (const root of roots) harden(root, seen);
  for (const obj of opts.extra) if (!types.isModuleNamespaceObject(obj)) Object.freeze(obj);
  // The names too: `globalThis.Map = FakeMap` must not reach a grader's `new Map()`.
  for (const name of GLOBALS) {
    const desc = Object.getOwnPropertyDescriptor(globalThis, name);
    if (desc && 'value' in desc && desc.configurable) Object.defineProperty(globalThis, name, { value: desc.value, writable: false, enumerable: desc.enumerable, configurable: false });
  }
}

function harden(root: unknown, seen: Set<unknown>): void {
  const stack = [root];
  while (stack.length) {
    const obj = stack.pop();
    if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null || seen.has(obj)) continue;
    seen.add(obj);
    // A module namespace cannot be frozen and need not be: its bindings are read-only already.
    if (obj !== Error && !types.isModuleNamespaceObject(obj)) {
      // Prototypes are objects (Function.prototype aside); functions keep their own, read-only names.
      if (typeof obj === 'object') allowOverrides(obj);
      Object.freeze(obj);
    }
    stack.push(Object.getPrototypeOf(obj));
    for (const key of Reflect.ownKeys(obj)) {
      const desc = Object.getOwnPropertyDescriptor(obj, key)!;
      if ('value' in desc) stack.push(desc.value);
      else stack.push(desc.get, desc.set);
    }
  }
}

/** Turns the commonly assigned data properties of a prototype into accessors that set on the instance. */
function allowOverrides(proto: object): void {
  for (const key of OVERRIDABLE) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.configurable) continue;
    const value = desc.value;
    Object.defineProperty(proto, key, {
      get() { return value; },
      set(this: object, next: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${key}' of a built-in object`);
        Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
}

/**
 * Error stays extensible only where test frameworks need it: they set `stackTraceLimit`
 * around their own calls. `prepareStackTrace` always answers with the runner's formatter;
 * a submission that sets it changes nothing.
 */
function lockErrorConstructor(prepare: LockdownOptions['prepareStackTrace']): void {
  Object.defineProperty(Error, 'prepareStackTrace', { get: () => prepare, set: () => {}, configurable: false });
  for (const key of Reflect.ownKeys(Error)) {
    const desc = Object.getOwnPropertyDescriptor(Error, key)!;
    if (key === 'stackTraceLimit' || key === 'prepareStackTrace') continue;
    if (desc.configurable) Object.defineProperty(Error, key, { ...desc, ...('value' in desc ? { writable: false } : {}), configurable: false });
  }
  Object.preventExtensions(Error);
}

/** Callbacks graders hand to a submission must not reveal the grader's source through `toString`. */
function hideGradingSource(isGradingSource: LockdownOptions['isGradingSource']): void {
  const original = Function.prototype.toString;
  const apply = Reflect.apply;
  Object.defineProperty(Function.prototype, 'toString', {
    value: function toString(this: unknown) {
      const source = apply(original, this, []) as string;
      return isGradingSource(source) ? 'function () { [grading code] }' : source;
    },
    writable: true, configurable: true, enumerable: false,
  });
}

// Runs inside a grading process (after bootstrap.mjs): the graders of one submission, file by
// file, with @vitest/runner and the same `vitest` shim as the browser worker. Before any
// submission code loads, it freezes the built-ins (lockdown.ts), shuts the process doors a
// submission could use to leave or kill it, and hides its own state. Results go to the parent
// one test at a time, so a test that hangs or crashes the process costs only itself.
import { startTests, type File, type Suite, type Task, type Test, type VitestRunner, type VitestRunnerConfig } from '@vitest/runner';
import { AsymmetricMatcher } from '@vitest/expect';
import { types } from 'node:util';
import { collectTests, fileLoadError } from '../../core/task-tree';
import { ConsoleCapture, formatConsoleArgs, type ConsoleLevel } from '../../core/console-capture';
import * as shim from '../../runtimes/worker/vitest-shim';
import { lockdown } from './lockdown';
import { silentMatchers } from './canaries';
import { describeTampering, type TamperFinding } from '../../core/reason';
import { display, SUBMISSION_ROOT, GRADING_ROOT, type ModuleLoader } from './module-loader';
import { importAllowed, testId, type Job, type JobLab, type PlannedTest, type SandboxEvent } from './protocol';

export interface RunnerContext {
  job: Job;
  loader: ModuleLoader;
  send: (event: SandboxEvent) => void;
  exit: (code: number) => never;
}

const config: VitestRunnerConfig = {
  root: '/', setupFiles: [], name: undefined, passWithNoTests: true, testNamePattern: undefined, allowOnly: false,
  sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'list' },
  chaiConfig: undefined, maxConcurrency: 5, testTimeout: 20_000, hookTimeout: 20_000, retry: 0,
  includeTaskLocation: false, diffOptions: undefined, tags: [], tagsFilter: undefined, strictTags: false,
};

export async function run({ job, loader, send, exit }: RunnerContext): Promise<never> {
  const skip = new Set(job.skip);
  const isImplPath = (p: string) => p.startsWith(SUBMISSION_ROOT);
  // What the running test printed, capped as in the browser; it travels in its test-end event.
  const printed = new ConsoleCapture();
  const collectOptions = { isImplPath, displayPath: display, outputOf: (id: string) => printed.of(id) };
  const gradingSources = Object.entries(job.modules).filter(([path]) => path.startsWith(GRADING_ROOT)).map(([, m]) => m.code);

  // Where grading is: a stray error or a tampering attempt is charged there.
  let current: { lab: string; test?: Test } | undefined;
  // What `import … from 'vitest'` gives graders: the shim, with an expect that refuses impostor values.
  const guardedExpect = guard(shim.expect, (found) => {
    if (current) send({ t: 'tamper', lab: current.lab, found });
  });
  const vitest = { ...shim, expect: guardedExpect };
  loader.configure({
    provided: { vitest },
    refuseForSubmission: (spec, importer) => refusal(job.labs, spec, importer),
    submissionGlobal: submissionGlobal(),
  });
  // The grader kit binds the real clock when it loads: load it (and every alias) before the lockdown.
  for (const alias of Object.keys(job.aliases)) loader.require(alias);
  const intervals = trackIntervals();
  captureConsole((level, text) => {
    if (current?.test) printed.add(current.test.id, text, level);
  });

  const errorToString = Error.prototype.toString;
  lockdown({
    prepareStackTrace: (error, frames) => {
      let head: string;
      try { head = Reflect.apply(errorToString, error, []) as string; } catch { head = 'Error'; }
      const shown = job.fullStacks ? frames : frames.filter((f) => (f.getFileName() ?? '').startsWith(SUBMISSION_ROOT));
      return head + shown.map((f) => `\n    at ${f}`).join('');
    },
    isGradingSource: (source) => source.length > 12 && gradingSources.some((code) => code.includes(source)),
    // Not expect itself: chai keeps per-call flags on it. A submission cannot reach it (see submissionGlobal).
    extra: [
      shim, vitest, shim.chai.Assertion.prototype, shim.vi, AsymmetricMatcher, AsymmetricMatcher.prototype,
      (globalThis as Record<symbol, { matchers: object }>)[Symbol.for('$$jest-matchers-object')].matchers,
    ],
  });
  closeProcessDoors();

  // Errors thrown outside the flow of a test (a rejection nobody awaited, a throw in a timer)
  // are charged to the test that was running, as Vitest does; otherwise to the lab.
  const unhandled = new Map<Test, string>();
  const onUnhandled = (err: unknown) => {
    const message = `unhandled error while this test ran (a rejected promise nobody awaited?): ${err instanceof Error ? err.message : String(err)}`;
    if (current?.test) unhandled.set(current.test, message);
    else if (current) send({ t: 'stray', lab: current.lab, message: `uncaught error outside any test: ${err instanceof Error ? err.message : String(err)}` });
  };
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);

  send({ t: 'ready' });
  for (const lab of job.labs) {
    current = { lab: lab.slug };
    send({ t: 'lab-start', lab: lab.slug });
    for (const file of lab.files) {
      send({ t: 'file-start', lab: lab.slug, file });
      loader.resetScope();
      const planned = new Map<Test, PlannedTest>();
      const runner: VitestRunner = {
        config: { ...config, testTimeout: job.testTimeout },
        importFile: (path) => { loader.require(path); },
        // The module-level expect follows the running test; a per-test one would extend the (frozen) matchers.
        extendTaskContext: (context) => {
          Object.defineProperty(context, 'expect', { value: guardedExpect, enumerable: true });
          return context;
        },
        onCollected: (files) => {
          for (const [test, plan] of planTests(files[0])) {
            planned.set(test, plan);
            if (skip.has(plan.id)) test.mode = 'skip';
          }
          send({ t: 'collected', lab: lab.slug, file, tests: [...planned.values()] });
        },
        onBeforeRunTask: (test) => {
          current = { lab: lab.slug, test };
          send({ t: 'test-start', lab: lab.slug, id: planned.get(test)!.id, name: planned.get(test)!.name, timeoutMs: test.timeout ?? job.testTimeout });
        },
        onAfterRunTask: (test) => {
          const late = unhandled.get(test);
          if (late && test.result) Object.assign(test.result, { state: 'fail', errors: [{ name: 'Error', message: late }] });
          const plan = planned.get(test)!;
          // This test alone, as collectTests words it (its name and task come from the plan).
          const [result] = collectTests([{ ...test.file, tasks: [test] } as File], collectOptions);
          send({ t: 'test-end', lab: lab.slug, id: plan.id, result: { ...result, name: plan.name, task_id: plan.task } });
          current = { lab: lab.slug };
        },
      };
      const [result] = await startTests([file], runner);
      // Each file gets a fresh process in Vitest; here an interval a file left running would tax every later measurement.
      intervals.clearAll();
      // Once per file (each probe is a failed assertion, not free): with the matchers frozen this is the second line.
      const silent = silentMatchers(shim.expect, shim.vi.fn);
      if (silent.length) send({ t: 'tamper', lab: lab.slug, found: { what: 'silent-matchers', matchers: silent } });
      const broken = result && fileLoadError(result);
      send({ t: 'file-end', lab: lab.slug, file, ...(broken ? { loadError: broken } : {}) });
    }
  }
  send({ t: 'done' });
  return exit(0);

  /** Each test of a freshly collected file with its id, display name and task, in run order. */
  function planTests(file: File): Map<Test, PlannedTest> {
    const listed = collectTests([file], collectOptions);
    const plans = new Map<Test, PlannedTest>();
    const seen = new Map<string, number>();
    allTests(file).forEach((test, i) => {
      const path = suiteNames(test).concat(test.name).join(' > ');
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      plans.set(test, { id: testId(file.filepath, n > 1 ? `${path} #${n}` : path), name: listed[i].name, task: listed[i].task_id });
    });
    return plans;
  }

  /** Which lab a submission file belongs to decides what it may import. */
  function refusal(labs: JobLab[], spec: string, importer: string): string | undefined {
    const lab = labs.find((l) => importer.startsWith(`${l.slug}/`));
    if (importAllowed(lab?.allowedImports ?? [], spec)) return undefined;
    return `${importer}: may not import "${spec}": a lab is your own work, so its code imports only files in the lab's own folder${lab?.allowedText ?? ''}`;
  }
}

/** Tests in the order collectTests lists them (depth first, declaration order). */
function allTests(file: File): Test[] {
  const out: Test[] = [];
  const walk = (task: Task) => {
    if (task.type === 'suite') (task as Suite).tasks.forEach(walk);
    else out.push(task as Test);
  };
  file.tasks.forEach(walk);
  return out;
}

function suiteNames(test: Test): string[] {
  const names: string[] = [];
  for (let s: Suite | undefined = test.suite; s && s.suite; s = s.suite) names.unshift(s.name);
  return names;
}

/**
 * An `expect` that first looks through the value it is given for impostors: an object of the
 * submission's that answers `asymmetricMatch` (the matchers would let it decide equality
 * itself) or a Proxy (which could answer differently each time it is asked).
 */
function guard<E extends (value: unknown, message?: string) => unknown>(expect: E, onImpostor: (found: TamperFinding) => void): E {
  const guarded = function (this: unknown, value: unknown, message?: string) {
    const holds = findImpostor(value);
    if (holds) {
      const found: TamperFinding = { what: 'impostor', holds };
      onImpostor(found);
      throw new Error(`tampering detected: ${describeTampering(found, 'en')}`);
    }
    return expect(value, message);
  } as E;
  for (const key of Reflect.ownKeys(expect)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    Object.defineProperty(guarded, key, Object.getOwnPropertyDescriptor(expect, key)!);
  }
  return guarded;
}

function findImpostor(value: unknown): 'proxy' | 'asymmetric-match' | undefined {
  const seen = new Set<object>();
  const stack = [value];
  for (let budget = 100_000; stack.length && budget > 0; budget--) {
    const v = stack.pop();
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
    seen.add(v);
    if (types.isProxy(v)) return 'proxy';
    if (typeof v === 'function' || ArrayBuffer.isView(v)) continue;
    if ('asymmetricMatch' in v && !(v instanceof AsymmetricMatcher)) return 'asymmetric-match';
    if (v instanceof Map) Map.prototype.forEach.call(v, (x: unknown, k: unknown) => stack.push(k, x));
    else if (v instanceof Set) Set.prototype.forEach.call(v, (x: unknown) => stack.push(x));
    for (const key of Reflect.ownKeys(v)) {
      const desc = Reflect.getOwnPropertyDescriptor(v, key);
      if (desc && 'value' in desc) stack.push(desc.value);
    }
  }
  return undefined;
}

/**
 * What submission code sees as `globalThis`: the real global's named properties, without its
 * symbol-keyed ones (where the test framework keeps the running test and its expect).
 */
function submissionGlobal(): object {
  const real = globalThis as Record<PropertyKey, unknown>;
  return new Proxy({}, {
    get: (_, key) => (typeof key === 'symbol' ? undefined : real[key]),
    set: (_, key, value) => {
      if (typeof key === 'symbol' || !Reflect.set(real, key, value)) throw new TypeError(`Cannot assign to read only property '${String(key)}' of the global object`);
      return true;
    },
    has: (_, key) => typeof key !== 'symbol' && key in real,
    deleteProperty: (_, key) => typeof key !== 'symbol' && Reflect.deleteProperty(real, key),
    ownKeys: () => Reflect.ownKeys(real).filter((k) => typeof k !== 'symbol'),
    getOwnPropertyDescriptor: (_, key) => {
      if (typeof key === 'symbol') return undefined;
      const desc = Reflect.getOwnPropertyDescriptor(real, key);
      return desc && { ...desc, configurable: true };
    },
    defineProperty: (_, key, desc) => typeof key !== 'symbol' && Reflect.defineProperty(real, key, desc),
    getPrototypeOf: () => Object.getPrototypeOf(real),
  });
}

/** setInterval, recording what is still running, so a grader file's leftovers can be stopped when it ends. */
function trackIntervals(): { clearAll(): void } {
  const live = new Set<ReturnType<typeof setInterval>>();
  const realSet = globalThis.setInterval;
  const realClear = globalThis.clearInterval;
  globalThis.setInterval = Object.assign(function setInterval(...args: Parameters<typeof realSet>) {
    const handle = realSet(...args);
    live.add(handle);
    return handle;
  }, realSet) as typeof realSet;
  globalThis.clearInterval = function clearInterval(handle?: Parameters<typeof realClear>[0]) {
    live.delete(handle as ReturnType<typeof setInterval>);
    realClear(handle);
  } as typeof realClear;
  return {
    clearAll() {
      for (const handle of live) realClear(handle);
      live.clear();
    },
  };
}

/**
 * console.log/info/warn/error/debug charged to the running test (the process's stdout goes
 * nowhere). Printing never fails grading: a value that cannot even be inspected is named so.
 */
function captureConsole(record: (level: ConsoleLevel, text: string) => void): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => {
      let text: string;
      try { text = formatConsoleArgs(args); } catch { text = '[a value that could not be printed]'; }
      record(level, text);
    };
  }
}

/** What a submission could use to end, kill or load its way out of grading. */
function closeProcessDoors(): void {
  const doors = ['exit', 'reallyExit', 'abort', 'kill', '_kill', 'dlopen', 'binding', '_linkedBinding', 'getBuiltinModule', 'setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups'];
  for (const door of doors) {
    if (!(door in process)) continue;
    Object.defineProperty(process, door, {
      value: () => { throw new Error(`process.${door}() is not available to code being graded`); },
      writable: false, configurable: false,
    });
  }
}

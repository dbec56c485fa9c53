// The first code a grading process runs. It is plain JavaScript because the process runs
// under Node's permission model, where no TypeScript loader works (tsx needs worker threads).
// It reads its job from stdin (the grading code, already transpiled by the parent, and the
// submission's files: nothing of it is on disk where the submission could look), loads the
// packages the job names, and hands over to runner.ts. Events go back on fd 3, each signed
// with the job's key, which stays in this closure.
import { readFileSync, writeSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { types } from 'node:util';
import { Script } from 'node:vm';

const job = JSON.parse(readFileSync(0, 'utf8'));
const key = job.key;
delete job.key;

function send(event) {
  const json = JSON.stringify(event);
  const line = Buffer.from(`${createHmac('sha256', key).update(json).digest('base64url')} ${json}\n`);
  for (let off = 0; off < line.length;) {
    try {
      off += writeSync(3, line, off);
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err; // the parent is slow to read: try again
    }
  }
}

// Packages load natively, before the lockdown: CommonJS ones as module.exports (what the
// transpiled `require` expects), ES modules as their namespace marked __esModule.
const requireNative = createRequire(job.resolveFrom);
const natives = new Map();
const asModule = (m) => (types.isModuleNamespaceObject(m) ? { __esModule: true, ...m } : m);
for (const spec of job.natives) {
  let m;
  try {
    m = requireNative(spec);
  } catch (err) {
    if (err.code !== 'ERR_REQUIRE_ESM' && err.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
    m = await import(pathToFileURL(requireNative.resolve(spec)).href);
  }
  natives.set(spec, asModule(m));
}
const native = (spec) => {
  if (natives.has(spec)) return natives.get(spec);
  const m = asModule(requireNative(spec));
  natives.set(spec, m);
  return m;
};

const evaluate = (wrapped, filename) => new Script(wrapped, { filename }).runInThisContext();
const loaderModule = { exports: {} };
evaluate(`(function (exports, module) {${job.loader}\n})`, '/grading/src/node/sandbox/module-loader.ts')(loaderModule.exports, loaderModule);
const loader = new loaderModule.exports.ModuleLoader({
  modules: job.modules, aliases: job.aliases, provided: {}, native, evaluate, submissionGlobal: {},
  refuseForSubmission: () => 'grading has not started',
});
// The runner ends the process itself; everything else that could (process.exit included) is shut by then.
const reallyExit = process.reallyExit.bind(process);
const exit = (code) => reallyExit(code);
await loader.require(job.entry).run({ job, loader, send, exit });

// A class of submissions that try to get marks they did not earn, escape their folder, or
// hurt a classmate, beside the honest versions of the same bugs. tests/unit/batch.test.ts
// grades it; each cheat must score no more than its honest twin.
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalog } from '../../src/catalog/lab-catalog';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import { REPO_ROOT } from '../../src/catalog/paths';
import { writeZip } from '../../src/node/zip';

const LRU = 'lru-cache';
const POOL = 'connection-pool';
const TLC = 'two-level-cache';

const read = (path: string) => readFileSync(path, 'utf8');
const fixture = (name: string, lab: string, file: string) => {
  const root = materializeFixture(join(BUGGY_DIR, name));
  const text = read(join(root, lab, file));
  rmSync(root, { recursive: true, force: true });
  return text;
};

/** Where a submission tried to leave a mark; none of these may exist after grading. */
export const MARKERS = {
  nodeModules: join(REPO_ROOT, 'node_modules', '.hostile-marker'),
  graders: join(catalog.dirs.graders, LRU, 'evil.test.ts'),
};

export interface HostileCase {
  /** The honest submission with the same bug: the cheat may not score more. */
  honest?: string;
  /** Exactly this score (when the outcome is certain). */
  score?: number;
  /** The lab whose score is compared. */
  lab: string;
  /** What the student's report must say. */
  says?: RegExp;
}

/**
 * Writes the class into `dir` (one folder or zip per student) and returns what each cheat
 * is compared against. `victims` are honest students that hostile ones try to hurt.
 */
export function writeHostileClass(dir: string): Record<string, HostileCase> {
  const solution = read(join(catalog.dirs.solutions, LRU, 'lru-cache.ts'));
  const linear = fixture('lru-cache--linear-list', LRU, 'lru-cache.ts');
  const reinsert = fixture('lru-cache--map-reinsert', LRU, 'lru-cache.ts');
  const shiftPool = fixture('connection-pool--shift-queue', POOL, 'pool.ts');
  const scaffold = read(join(catalog.dirs.labs, LRU, 'lru-cache.ts'));
  const put = (student: string, lab: string, file: string, text: string) => {
    mkdirSync(join(dir, student, lab), { recursive: true });
    writeFileSync(join(dir, student, lab, file), text);
  };
  const lru = (student: string, text: string) => put(student, LRU, 'lru-cache.ts', text);

  // Honest twins, and an honest classmate for the hostile ones to aim at.
  lru('honest-solution', solution);
  lru('honest-linear-list', linear);
  lru('honest-map-reinsert', reinsert);
  lru('honest-scaffold', scaffold);
  put('honest-shift-queue', POOL, 'pool.ts', shiftPool);
  cpSync(join(catalog.dirs.solutions, TLC), join(dir, 'honest-redis', TLC), { recursive: true });

  // 1. The reference solution, reached three ways.
  const victimDir = join(dir, 'honest-solution', LRU);
  const fromLab = (student: string) => relative(join(dir, student, LRU), join(catalog.dirs.solutions, LRU, 'lru-cache'));
  lru('cheat-import-relative', `export { LRUCache } from '${fromLab('cheat-import-relative')}';\n`);
  lru('cheat-import-cwd', `// eslint-disable-next-line\nconst m = require(process.cwd() + '/solutions/lru-cache/lru-cache');\nexport const LRUCache = m.LRUCache;\n`);
  mkdirSync(join(dir, 'cheat-import-symlink', LRU), { recursive: true });
  symlinkSync(join(catalog.dirs.solutions, LRU, 'lru-cache.ts'), join(dir, 'cheat-import-symlink', LRU, 'lru-cache.ts'));
  mkdirSync(join(dir, 'cheat-folder-symlink'));
  symlinkSync(join(catalog.dirs.solutions, LRU), join(dir, 'cheat-folder-symlink', LRU));
  lru('cheat-import-classmate', `export { LRUCache } from '${relative(join(dir, 'cheat-import-classmate', LRU), join(victimDir, 'lru-cache'))}';\n`);
  lru('cheat-wraps-package', `export { LRUCache } from 'lru-cache';\n`);

  // 2. Built-ins the graders and matchers rely on, patched.
  lru('cheat-patches-sort', `${linear}\nArray.prototype.sort = function (this: number[]) { return this.fill(1); } as never;\n`);
  lru('cheat-patches-map-get', `${reinsert}\nconst realGet = Map.prototype.get;\nMap.prototype.get = function (this: Map<unknown, unknown>, k: unknown) { return realGet.call(this, k); };\n`);
  put('cheat-patches-bind', POOL, 'pool.ts', `${shiftPool}\nconst realBind = Function.prototype.bind;\nFunction.prototype.bind = function (this: Function, ...a: unknown[]) { const f = realBind.apply(this, a as never); return (() => f() / 10) as never; } as never;\n`);
  lru('cheat-patches-object-is', `${scaffold}\nObject.is = () => true;\n`);
  lru('cheat-patches-clock', `${linear}\nlet fake = 0;\nperformance.now = () => (fake += 0.001);\n`);
  lru('cheat-replaces-global-map', `${reinsert}\n(globalThis as any).Map = class extends Map {};\n`);
  // 3. Behaves well only when a performance grader is on the stack.
  lru('cheat-detects-grader', linear.replace('private touch(key: K) {', 'private touch(key: K) {\n    if (/performance|grader/.test(new Error().stack ?? \'\')) return;'));
  // 4. Lies to the matchers: an object that claims to equal anything.
  lru('cheat-asymmetric-match', solution.replace('return { hits: this.hits, misses: this.misses, evictions: this.evictions };', 'return { hits: 0, misses: 0, evictions: 0, asymmetricMatch: () => true } as never;'));
  // 5. Forges grading events on the pipe the results travel on: no lab lets its code import
  // node:net, so the pre-checks refuse it; a line that does reach the pipe unsigned is marked
  // forged (tests/unit/sandbox.test.ts, "counts every line the job's key did not sign as forged").
  lru('cheat-forges-results', `${scaffold}\nimport('node:net').then((net) => { const s = new net.Socket({ fd: 3, readable: false, writable: true }); s.write('x {"t":"test-end"}\\n'); }).catch(() => {});\n`);
  // 6. Escapes: files outside its folder, a classmate's submission, processes that outlive it, the grader's own process.
  lru('escape-writes-outside', `${solution}\nimport('node:' + 'fs').then((fs) => { fs.writeFileSync(${JSON.stringify(MARKERS.nodeModules)}, 'x'); fs.writeFileSync(${JSON.stringify(MARKERS.graders)}, 'x'); fs.writeFileSync(${JSON.stringify(join(victimDir, 'lru-cache.ts'))}, 'export class LRUCache {}'); }).catch(() => {});\n`);
  lru('escape-binding', `${solution}\nconst fs = (process as any).binding('fs');\nexport const leaked = fs;\n`);
  lru('escape-spawns', `${solution}\nimport('node:child_' + 'process').then((cp) => cp.spawn('sh', ['-c', 'sleep 20'], { detached: true, stdio: ['ignore', 'ignore', 'inherit'] }).unref()).catch(() => {});\n`);
  lru('escape-kills-grader', solution.replace('clear(): void {', 'clear(): void {\n    process.kill(process.ppid, \'SIGKILL\');'));
  lru('escape-exits', solution.replace('clear(): void {', 'clear(): void {\n    process.exit(0);'));
  // 7. Resources: memory off the heap and on it, a method that never returns.
  lru('hog-buffers', solution.replace('clear(): void {', 'clear(): void {\n    const keep: Buffer[] = [];\n    for (let i = 0; i < 40; i++) keep.push(Buffer.alloc(100 * 1024 * 1024, 1));\n    (globalThis as any).keep = keep;'));
  lru('hog-heap', solution.replace('clear(): void {', 'clear(): void {\n    const keep: number[][] = [];\n    for (;;) keep.push(new Array(1e6).fill(Math.random()));'));
  lru('hog-loops', solution.replace('set capacity(capacity: number) {', 'set capacity(capacity: number) {\n    for (;;) {}'));
  // 8. Output people read: colour codes in a message; a name two entries share.
  lru('ansi-message', solution.replace('clear(): void {', "clear(): void {\n    throw new Error('\\u001b[31mred\\u001b[0m failure');"));
  lru('dup', solution);
  writeFileSync(join(dir, 'dup.zip'), writeZip({ [`labs/${LRU}/lru-cache.ts`]: scaffold }));
  // 9. A FLUSHALL loop against the Redis it is given, beside an honest classmate on Redis.
  cpSync(join(catalog.dirs.solutions, TLC), join(dir, 'hostile-redis', TLC), { recursive: true });
  const store = join(dir, 'hostile-redis', TLC, 'redis-store.ts');
  writeFileSync(store, read(store).replace(/constructor\(([^)]*)\)\s*\{/, (m) => `${m}\n    const r = (this as any).redis ?? arguments[0];\n    setInterval(() => { r.flushall?.().catch?.(() => {}); }, 1);`));

  return {
    'cheat-import-relative': { lab: LRU, score: 0, says: /outside the lab/ },
    'cheat-import-cwd': { lab: LRU, score: 0, says: /lru-cache\.ts:2: an import\(\) or require\(\) of a computed name cannot be checked/ },
    'cheat-import-symlink': { lab: LRU, score: 0, says: /link to a file outside the lab folder/ },
    'cheat-folder-symlink': { lab: LRU, score: 0, says: /a link to a folder outside the submission/ },
    'cheat-import-classmate': { lab: LRU, score: 0, says: /outside the lab/ },
    'cheat-wraps-package': { lab: LRU, score: 0, says: /may not import "lru-cache"/ },
    'cheat-patches-sort': { lab: LRU, honest: 'honest-linear-list', says: /tampering blocked/ },
    'cheat-patches-map-get': { lab: LRU, honest: 'honest-map-reinsert', says: /tampering blocked/ },
    'cheat-patches-bind': { lab: POOL, honest: 'honest-shift-queue', says: /tampering blocked/ },
    'cheat-patches-object-is': { lab: LRU, score: 0 },
    'cheat-patches-clock': { lab: LRU, honest: 'honest-linear-list', says: /tampering blocked/ },
    'cheat-replaces-global-map': { lab: LRU, honest: 'honest-map-reinsert', says: /tampering blocked/ },
    'cheat-detects-grader': { lab: LRU, honest: 'honest-linear-list' },
    'cheat-asymmetric-match': { lab: LRU, score: 0, says: /tampering detected/ },
    'cheat-forges-results': { lab: LRU, score: 0, says: /lru-cache\.ts:\d+: may not import "node:net"/ },
    'escape-writes-outside': { lab: LRU, honest: 'honest-solution' },
    'escape-binding': { lab: LRU, score: 0, says: /process\.binding\(\) is not available/ },
    'escape-spawns': { lab: LRU, honest: 'honest-solution' },
    'escape-kills-grader': { lab: LRU, says: /process\.kill\(\) is not available/ },
    'escape-exits': { lab: LRU, says: /process\.exit\(\) is not available/ },
    'hog-buffers': { lab: LRU, says: /used more than \d+ MB of memory/ },
    'hog-heap': { lab: LRU, says: /ran out of memory|used more than \d+ MB/ },
    'hog-loops': { lab: LRU, says: /timed out after \d+ s/ },
  };
}

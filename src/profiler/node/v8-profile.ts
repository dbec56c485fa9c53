// The child process of `workbook profile` (src/cli/profile.ts): runs a lab's workload
// against one implementation under V8's own profilers, through node:inspector in this
// process. The CPU profiler samples the stack every `intervalUs`; with `heapOut`, the
// sampling heap profiler records allocation sites too, including objects already
// collected when it stops (allocation pressure is what the memory labs are about).
// Writes DevTools' formats (.cpuprofile, .heapprofile) and a small result file.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { register } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Lab } from '../../core/lab';
import type { SourceLocation } from '../../core/reason';
import { locate } from '../../core/task-tree';
import { REPO_ROOT, courseDirs } from '../../catalog/paths';
import { runWorkload, workloadEntry } from '../workload';
import type { CpuProfile, HeapProfile } from '../profile';

export interface V8ProfileRequest {
  lab: Lab;
  /** The folder holding <slug>/ with the implementation (absolute). */
  implRoot: string;
  cpuOut: string;
  heapOut?: string;
  /** CPU sampling interval, microseconds. */
  intervalUs: number;
  /** Bytes between heap samples (on average). */
  heapIntervalBytes?: number;
}

export type V8ProfileResult =
  | { ok: true }
  | { ok: false; message: string; location?: SourceLocation };

/** Where the lab's code lives for one run: the module hooks and the CLI's frame names share it. */
export function labDirs(lab: Lab, implRoot: string) {
  const dirs = courseDirs(REPO_ROOT);
  return {
    implDir: join(implRoot, lab.slug),
    labDir: join(dirs.labs, lab.slug),
    graderDir: join(dirs.graders, lab.slug),
    graderKit: join(REPO_ROOT, 'src/grader-kit/index.ts'),
    workloadKit: join(REPO_ROOT, 'src/profiler/workload-kit.ts'),
  };
}

export async function profileWithV8(req: V8ProfileRequest): Promise<V8ProfileResult> {
  const { lab } = req;
  const dirs = labDirs(lab, req.implRoot);
  register(new URL('./hooks.mjs', import.meta.url), { data: { slug: lab.slug, given: lab.given, ...dirs } });
  const inLab = (p: string) => {
    const path = p.startsWith('file:') ? fileURLToPath(p) : p;
    return path.startsWith(dirs.implDir + sep) || path.startsWith(dirs.labDir + sep);
  };
  const shown = (p: string) => {
    const path = p.startsWith('file:') ? fileURLToPath(p) : p;
    return path.slice((path.startsWith(dirs.implDir + sep) ? dirs.implDir : dirs.labDir).length + 1);
  };
  const session = new Session();
  session.connect();
  try {
    const workload = join(dirs.graderDir, lab.workload!.file);
    const prepare = workloadEntry(await import(pathToFileURL(workload).href), `graders/${lab.slug}/${lab.workload!.file}`);
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: req.intervalUs });
    if (req.heapOut) await session.post('HeapProfiler.enable');
    const { cpu, heap } = await runWorkload(prepare, {
      start: async () => {
        if (req.heapOut) {
          await session.post('HeapProfiler.startSampling', {
            samplingInterval: req.heapIntervalBytes ?? 16_384,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          } as never);
        }
        await session.post('Profiler.start');
      },
      stop: async () => {
        const { profile } = await session.post('Profiler.stop');
        const heap = req.heapOut ? (await session.post('HeapProfiler.stopSampling')).profile : undefined;
        return { cpu: profile as unknown as CpuProfile, heap: heap as unknown as HeapProfile | undefined };
      },
    });
    writeFileSync(req.cpuOut, JSON.stringify(cpu));
    if (req.heapOut && heap) writeFileSync(req.heapOut, JSON.stringify(heap));
    return { ok: true };
  } catch (err) {
    const e = err as Error;
    const location = typeof e?.stack === 'string' ? locate(e.stack, { isImplPath: inLab, displayPath: shown }) : undefined;
    return { ok: false, message: e?.message ?? String(err), ...(location ? { location } : {}) };
  } finally {
    session.disconnect();
  }
}

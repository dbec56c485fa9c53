// The module Web Worker of the offline runtime. One message in (a run), events
// while it runs, one report out. The main thread's watchdog ends this worker
// if a run stops making progress.
import { gradeHere, type GradeInput } from './grade';

export type WorkerRequest = { type: 'run'; id: number; input: GradeInput };
export type WorkerResponse =
  | { type: 'event'; id: number; event: import('../types').RunEvent }
  | { type: 'done'; id: number; report: import('../../core/report').GradeReport }
  | { type: 'crash'; id: number; message: string };

const post = (msg: WorkerResponse) => (self as unknown as Worker).postMessage(msg);

self.addEventListener('message', async (e: MessageEvent<WorkerRequest>) => {
  const { id, input } = e.data;
  try {
    const report = await gradeHere(input, (event) => post({ type: 'event', id, event }));
    post({ type: 'done', id, report });
  } catch (err) {
    post({ type: 'crash', id, message: (err as Error)?.stack ?? String(err) });
  }
});

post({ type: 'event', id: 0, event: { type: 'output', text: 'ready' } });

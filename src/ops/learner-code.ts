// Decides, per lab, whether the playground runs the learner's code: the code the
// workbench saved in this browser, if it passes every correctness task the browser
// can grade. The checks run in the workbench's own grading worker (WorkerRuntime),
// with the same graders as the lab page; passing code is then loaded in the page
// with the workbench's loader (sucrase, the lab's own file layout).
import type { Locale } from '../i18n/locale';
import { composeImplementation } from '../core/lab';
import type { LabBundle } from '../runtimes/types';
import { implPath } from '../runtimes/types';
import { loadSaved } from '../workbench/storage';
import { ENTRY_FILES, labModule, type LabModules, type OpsLab } from './labs';
import type { PageData } from './page-data';

export type CodeStatus =
  | { source: 'checking' }
  | { source: 'learner'; total: number }
  | { source: 'reference'; reason: 'no-saved' }
  | { source: 'reference'; reason: 'failing'; failed: string[]; total: number }
  | { source: 'reference'; reason: 'check-error' | 'load-error'; message: string };

/** Checks and loads the saved code of each lab; reports each lab's status as it is known. */
export async function loadLearnerCode(
  data: PageData,
  onStatus: (lab: OpsLab, status: CodeStatus) => void,
): Promise<Partial<LabModules>> {
  const saved = data.labs.map((lab) => ({ lab, files: loadSaved(lab.slug, lab.files)?.files }));
  for (const { lab, files } of saved) onStatus(lab.slug as OpsLab, files ? { source: 'checking' } : { source: 'reference', reason: 'no-saved' });
  const toCheck = saved.filter((s) => s.files);
  if (toCheck.length === 0) return {};

  const modules: Partial<LabModules> = {};
  let bundles: LabBundle[];
  try {
    const response = await fetch(data.bundlesUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${data.bundlesUrl}`);
    bundles = (await response.json()) as LabBundle[];
  } catch (error) {
    for (const { lab } of toCheck) onStatus(lab.slug as OpsLab, { source: 'reference', reason: 'check-error', message: (error as Error).message });
    return modules;
  }

  const { WorkerRuntime } = await import('../runtimes/worker-runtime');
  const runtime = new WorkerRuntime();
  try {
    for (const { lab, files } of toCheck) {
      const slug = lab.slug as OpsLab;
      const bundle = bundles.find((b) => b.lab.slug === slug);
      if (!bundle) {
        onStatus(slug, { source: 'reference', reason: 'check-error', message: `no grader bundle for ${slug}` });
        continue;
      }
      const status = await check(runtime, bundle, { ...bundle.scaffold, ...files }, lab.checks, data.locale);
      if (status.source !== 'learner') {
        onStatus(slug, status);
        continue;
      }
      try {
        Object.assign(modules, { [slug]: await load(slug, composeImplementation({ ...bundle.scaffold, ...files }, bundle.given)) });
        onStatus(slug, status);
      } catch (error) {
        onStatus(slug, { source: 'reference', reason: 'load-error', message: (error as Error).message });
      }
    }
  } finally {
    runtime.dispose();
  }
  return modules;
}

/** Runs the lab's correctness tasks on `files`: learner when every one passes. */
async function check(
  runtime: InstanceType<typeof import('../runtimes/worker-runtime').WorkerRuntime>,
  bundle: LabBundle, files: Record<string, string>, checks: string[], locale: Locale,
): Promise<CodeStatus> {
  const report = await runtime.run({ bundle, files, locale, only: checks });
  const failed = checks.filter((id) => report.tasks.find((task) => task.id === id)?.status !== 'pass');
  if (failed.length === 0) return { source: 'learner', total: checks.length };
  const title = (id: string) => bundle.lab.tasks.find((task) => task.id === id)?.title[locale] ?? id;
  return { source: 'reference', reason: 'failing', failed: failed.map(title), total: checks.length };
}

/** Loads a lab's files in this page and merges its entry modules. */
async function load<L extends OpsLab>(slug: L, files: Record<string, string>): Promise<LabModules[L]> {
  const { Loader } = await import('../runtimes/worker/loader');
  const loader = new Loader({
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [implPath(slug, name), text])),
    builtins: {},
  });
  const entries = ENTRY_FILES[slug].map((file) => loader.require(implPath(slug, file)) as Record<string, unknown>);
  return labModule(slug, entries);
}

// The WebContainer runtime as the page starts it: the real @webcontainer/api and the
// workspace sources bundled as text. Loaded only when the learner picks WebContainer.
import { WebContainer } from '@webcontainer/api';
import { BootError, WebContainerRuntime, type ContainerApi } from './webcontainer-runtime';
import { WORKSPACE_SOURCES } from './webcontainer-workspace';

// Vite needs the list spelled out here; it must name every file in WORKSPACE_SOURCES (checked at start).
const raw = import.meta.glob<string>(
  [
    '/src/runtimes/webcontainer/vitest.config.ts', '/src/runtimes/webcontainer/run-files.ts', '/src/core/grader-files.ts', '/src/core/random.ts', '/src/core/reason.ts',
    '/src/core/report.ts', '/src/core/task-tree.ts', '/src/grader-kit/index.ts', '/src/i18n/grading.ts', '/src/i18n/locale.ts',
    '/src/i18n/messages.ts', '/src/i18n/text.ts', '/src/node/grade-reporter.ts', '/src/node/load-errors.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

export interface BrowserStartOptions {
  onOutput(text: string): void;
  onInstall(): void;
  bootTimeoutSeconds: number;
  timeoutMessage(seconds: number): string;
}

export async function startBrowserWebContainer(opts: BrowserStartOptions): Promise<WebContainerRuntime> {
  const sources = Object.fromEntries(WORKSPACE_SOURCES.map((p) => [p, raw[`/${p}`]]));
  try {
    return await WebContainerRuntime.start(WebContainer as unknown as ContainerApi, {
      sources, coep: 'require-corp', bootTimeoutMs: opts.bootTimeoutSeconds * 1000, onOutput: opts.onOutput, onInstall: opts.onInstall,
    });
  } catch (err) {
    if (err instanceof BootError && /boot timed out/.test(err.message)) throw new BootError(opts.timeoutMessage(opts.bootTimeoutSeconds));
    throw err;
  }
}

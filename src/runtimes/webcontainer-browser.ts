// The WebContainer runtime as the page starts it: the real @webcontainer/api and the
// workspace sources bundled as text. Loaded only when the learner picks WebContainer.
import { WebContainer } from '@webcontainer/api';
import { BootError, WebContainerRuntime, type ContainerApi } from './webcontainer-runtime';
import { WORKSPACE_SOURCES } from './webcontainer-workspace';

// Vite needs the list spelled out here; it must name every file in WORKSPACE_SOURCES (checked at start).
const raw = import.meta.glob<string>(
  [
    '/src/runtimes/webcontainer/vitest.config.ts', '/src/runtimes/webcontainer/run-files.ts', '/src/core/console-capture.ts', '/src/core/grader-files.ts', '/src/core/grader-messages.ts', '/src/core/random.ts', '/src/core/reason.ts',
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

/** Where @webcontainer/api loads its iframe from (its default, unless the page set WEBCONTAINER_API_IFRAME_URL). */
const hostUrl = () => new URL('/headless', (globalThis as { WEBCONTAINER_API_IFRAME_URL?: string }).WEBCONTAINER_API_IFRAME_URL ?? 'https://stackblitz.com');

export async function startBrowserWebContainer(opts: BrowserStartOptions): Promise<WebContainerRuntime> {
  const sources = Object.fromEntries(WORKSPACE_SOURCES.map((p) => [p, raw[`/${p}`]]));
  try {
    return await WebContainerRuntime.start(WebContainer as unknown as ContainerApi, {
      sources, coep: 'require-corp', bootTimeoutMs: opts.bootTimeoutSeconds * 1000, onOutput: opts.onOutput, onInstall: opts.onInstall,
      // The iframe's page must be embeddable here (it sends CORP), so an opaque fetch of it succeeds whenever
      // the iframe could load; offline, the DNS or connection error rejects this at once.
      probe: () => fetch(hostUrl(), { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }),
    });
  } catch (err) {
    if (err instanceof BootError && err.why === 'timeout') throw new BootError(opts.timeoutMessage(opts.bootTimeoutSeconds), 'timeout');
    throw err;
  }
}

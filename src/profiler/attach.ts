// How a lab page gets its Profile action: one call with the page's Profile button
// (data-testid="profile-run") and the element the panel goes into. Nothing of the
// profiler loads before the first click; then the panel (./panel.ts), its styles and its
// worker load, and each later click runs the workload again (or stops a run under way).
import type { LabBundle } from '../core/lab';
import type { Locale } from '../i18n/locale';
import { fill } from '../i18n/text';
import type { ProfilePanel, ProfilePanelContext } from './panel';

export interface ProfileAction extends Pick<ProfilePanelContext, 'files' | 'goto'> {
  bundle: LabBundle;
  locale: Locale;
  /** The page's Profile button; its `data-load-failed` holds the sentence for a profiler that cannot load
   * (rendered with the page, so the profiler's strings stay out of it until the first click). */
  button: HTMLButtonElement;
  /** Where the panel is drawn (its children are replaced on the first click). */
  host: HTMLElement;
  /** Called before every run: save pending edits, show the tab the host sits in. */
  beforeRun?: () => void;
  /** Shows a message when the profiler itself cannot load (a network error, say); by default it is written into the host. */
  say?: (message: string) => void;
}

export function attachProfiler(action: ProfileAction): void {
  const { bundle, locale, button, host, files, goto } = action;
  let panel: Promise<ProfilePanel> | undefined;
  button.addEventListener('click', async () => {
    action.beforeRun?.();
    panel ??= import('./panel').then((m) => m.mountProfilePanel(host, { bundle, locale, files, goto, button }));
    try {
      await (await panel).run();
    } catch (err) {
      panel = undefined; // the next click tries to load it again
      const message = fill(button.dataset.loadFailed ?? '{reason}', { reason: (err as Error).message });
      if (action.say) action.say(message);
      else {
        const line = Object.assign(document.createElement('p'), { role: 'alert', textContent: message });
        host.replaceChildren(line);
      }
    }
  });
}

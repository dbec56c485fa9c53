// The learner's files: what they start from (saved work or the scaffold), every edit,
// saving to this browser (debounced, and at once when the page hides), and the changes
// that come from outside the editor (reset, import, undo), each undoable. No DOM: the
// code view shows these files and reports edits back; the toolbar asks for reset/import.
import type { LabBundle } from '../../core/lab';
import * as storage from '../storage';
import { signal } from './signal';

export type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; reason: string };

/** A change from outside the editor: the code view applies it as one undoable edit. */
export type ExternalChange = { file: string; text: string };

export class FilesStore {
  readonly files: Record<string, string>;
  /** Whether the page opened with work saved earlier. */
  readonly restored: boolean;
  readonly saveState = signal<SaveState>({ kind: 'idle' });
  /** Bumped on every edit (the editor's or an external one): views that show results of old code listen. */
  readonly revision = signal(0);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(change: ExternalChange) => void>();

  constructor(private readonly bundle: LabBundle) {
    const saved = storage.loadSaved(bundle.lab.slug, bundle.lab.files);
    this.files = { ...bundle.scaffold, ...(saved?.files ?? {}) };
    this.restored = Boolean(saved);
    addEventListener('pagehide', () => this.flushIfPending());
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') this.flushIfPending(); });
  }

  get slug(): string { return this.bundle.lab.slug; }
  get names(): string[] { return this.bundle.lab.files; }

  /** An edit made in the editor. */
  edited(name: string, text: string): void {
    if (this.files[name] === text) return;
    this.files[name] = text;
    this.revision.set(this.revision.value + 1);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 300);
  }

  /** Saves now (before a run, a download, after an external change). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const error = storage.saveNow(this.slug, this.files);
    this.saveState.set(error ? { kind: 'failed', reason: error } : { kind: 'saved' });
  }

  flushIfPending(): void {
    if (this.timer) this.flush();
  }

  /** Tells the editor about changes made outside it (it turns each into an undoable edit). */
  onExternalChange(fn: (change: ExternalChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Replaces files from outside the editor; returns the undo. */
  replace(next: Record<string, string>): () => void {
    const before = Object.fromEntries(Object.keys(next).map((name) => [name, this.files[name]]));
    this.apply(next);
    return () => this.apply(before);
  }

  reset(): () => void {
    return this.replace({ ...this.bundle.scaffold });
  }

  /** Reads picked files (a bundle or .ts files named like the lab's) and applies them; returns the names and the undo. */
  async import(picked: File[]): Promise<{ names: string[]; undo: () => void }> {
    const got = await storage.readImport(picked, this.names);
    const names = Object.keys(got);
    return { names, undo: names.length ? this.replace(got) : () => {} };
  }

  download(): void {
    this.flush();
    storage.download(storage.exportBundle(this.slug, this.files), `${this.slug}.workbook.json`);
  }

  private apply(next: Record<string, string>): void {
    for (const [file, text] of Object.entries(next)) {
      if (this.files[file] === text) continue;
      this.files[file] = text;
      for (const fn of this.listeners) fn({ file, text });
    }
    this.revision.set(this.revision.value + 1);
    this.flush();
  }
}

// What a learner has done (objectives ticked, quiz answers) kept in localStorage,
// so it survives a reload and is shared by the zh and en pages of the same item:
// keys are `perf-workbook:<kind>:<id>:<item>`, with no locale in them.
// Runs in the page. When storage is unavailable (private mode, a full quota) the
// page still works; it only forgets.

export type ProgressKind = 'objectives' | 'quiz';

export function progressKey(kind: ProgressKind, id: string, item: number | string): string {
  return `perf-workbook:${kind}:${id}:${item}`;
}

export function readProgress(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or removes the key when `value` is undefined. */
export function writeProgress(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* keep it in the page only */
  }
}

/** Calls `changed` when another tab (say, the other language's page) changes a key of this item. */
export function onProgressChange(kind: ProgressKind, id: string, changed: () => void): void {
  const prefix = progressKey(kind, id, '');
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key.startsWith(prefix)) changed();
  });
}

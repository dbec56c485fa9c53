// Never lose work: the learner's files are saved per lab in localStorage on every
// edit (debounced) and when the page hides, restored on load, and can be downloaded
// as one JSON bundle and imported back (the bundle, or the .ts files themselves).

export const BUNDLE_FORMAT = 'perf-workbook-lab-files';

export interface SavedFiles { files: Record<string, string>; savedAt: number }

const key = (slug: string) => `perf-workbook:lab:${slug}:files:v1`;

export function loadSaved(slug: string, names: string[]): SavedFiles | undefined {
  try {
    const raw = localStorage.getItem(key(slug));
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as SavedFiles;
    const files = Object.fromEntries(names.filter((n) => typeof saved.files?.[n] === 'string').map((n) => [n, saved.files[n]]));
    return Object.keys(files).length ? { files, savedAt: saved.savedAt } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves now; returns an error message when the browser refuses. */
export function saveNow(slug: string, files: Record<string, string>): string | undefined {
  try {
    localStorage.setItem(key(slug), JSON.stringify({ files, savedAt: Date.now() } satisfies SavedFiles));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function exportBundle(slug: string, files: Record<string, string>): Blob {
  return new Blob([JSON.stringify({ format: BUNDLE_FORMAT, version: 1, lab: slug, files }, null, 2)], { type: 'application/json' });
}

/** Reads picked files: a bundle from exportBundle, or .ts files named like the lab's files. */
export async function readImport(picked: File[], names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of picked) {
    const text = await file.text();
    if (file.name.endsWith('.json')) {
      const data = JSON.parse(text) as { format?: string; files?: Record<string, unknown> };
      if (data.format !== BUNDLE_FORMAT || !data.files) throw new Error(`${file.name}: not a Perf Workbook file bundle`);
      for (const n of names) if (typeof data.files[n] === 'string') out[n] = data.files[n] as string;
    } else if (names.includes(file.name)) {
      out[file.name] = text;
    }
  }
  return out;
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

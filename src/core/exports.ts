// Before running graders, compare what they import from the learner's files with
// what those files export, so "LRUCache is not a constructor" becomes
// "lru-cache.ts does not export LRUCache". Text-level on purpose: it must work on
// code that does not compile yet, in Node and in the browser.

/** Names each grader imports from `@impl/<slug>/<file>`, keyed by file name (with .ts). */
export function importedNames(graderSource: string, slug: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const re = new RegExp(`import\\s*(?:type\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]@impl/${slug}/([\\w.-]+)['"]`, 'g');
  for (const m of graderSource.matchAll(re)) {
    const file = m[2].endsWith('.ts') ? m[2] : `${m[2]}.ts`;
    const names = out.get(file) ?? new Set<string>();
    for (const part of m[1].split(',')) {
      const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
      if (name) names.add(name);
    }
    out.set(file, names);
  }
  return out;
}

/** Names a module exports, read from its text (declarations, export lists, re-exports). */
export function exportedNames(source: string): Set<string> | 'any' {
  // `export * from` could export anything: do not guess.
  if (/export\s*\*\s*from/.test(source)) return 'any';
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const names = new Set<string>();
  const decl = /export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of code.matchAll(decl)) names.add(m[1]);
  for (const m of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** One message per name a grader needs that the learner's file does not export. */
export function missingExports(graderSources: string[], files: Record<string, string>, slug: string): string[] {
  const problems = new Set<string>();
  for (const source of graderSources) {
    for (const [file, names] of importedNames(source, slug)) {
      const text = files[file];
      if (text === undefined) continue; // a missing file is reported on its own
      const exported = exportedNames(text);
      if (exported === 'any') continue;
      for (const name of names) if (!exported.has(name)) problems.add(`${file} does not export ${name}`);
    }
  }
  return [...problems];
}

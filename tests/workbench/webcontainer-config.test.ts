// The WebContainer's Vitest config is a real file (src/runtimes/webcontainer/vitest.config.ts):
// here it is compared with the CLI's (src/node/grader-config.ts), so the container grades
// the same files with the same aliases and limits, and the workspace ships what it imports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { graderConfig } from '../../src/node/grader-config';
import { workspaceConfig } from '../../src/runtimes/webcontainer/vitest.config';
import { VITEST_VERSION, WORKSPACE_SOURCES } from '../../src/runtimes/webcontainer-workspace';

const ROOT = catalog.dirs.root;
const aliases = (config: { resolve?: { alias?: unknown } }) => config.resolve!.alias as Record<string, string>;

describe('WebContainer Vitest config', () => {
  const cli = graderConfig(join(ROOT, 'solutions'));
  const lab = catalog.labs()[0];
  const container = workspaceConfig('/workspace', lab, 'en');

  it('resolves @impl and @grader-kit as the CLI does, relative to its own root', () => {
    expect(aliases(cli)['@impl']).toBe(join(ROOT, 'solutions'));
    expect(aliases(container)['@impl']).toBe('/workspace/impl');
    expect(aliases(cli)['@grader-kit'].slice(ROOT.length)).toBe(aliases(container)['@grader-kit'].slice('/workspace'.length));
  });

  it('gives tests and hooks the same time limits', () => {
    expect([container.test?.testTimeout, container.test?.hookTimeout]).toEqual([cli.test?.testTimeout, cli.test?.hookTimeout]);
  });

  it('picks exactly the browser tests of every lab; the CLI picks those plus the Node-only and hidden ones', () => {
    for (const l of catalog.labs()) {
      const test = workspaceConfig(ROOT, l, 'en').test!;
      const picked = globSync(test.include!, { cwd: ROOT, ignore: test.exclude }).sort();
      expect(picked, l.slug).toEqual(catalog.graderFiles(l.slug).browserTests.map((p) => `graders/${l.slug}/${p}`));
      const cliPicked = globSync(cli.test!.include!, { cwd: ROOT }).filter((p) => p.startsWith(`graders/${l.slug}/`)).sort();
      expect(cliPicked.map((p) => join(ROOT, p)), l.slug).toEqual(catalog.nodeTestFiles(l.slug));
    }
  });

  it('installs the Vitest the CLI runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/vitest/package.json'), 'utf8'));
    expect(VITEST_VERSION).toBe(pkg.dependencies.vitest);
    expect(installed.version).toBe(VITEST_VERSION);
  });

  it('the page bundles exactly the sources the workspace needs', () => {
    const browser = readFileSync(join(ROOT, 'src/runtimes/webcontainer-browser.ts'), 'utf8');
    const globbed = [...browser.slice(browser.indexOf('import.meta.glob')).matchAll(/'\/(src\/[^']+)'/g)].map((m) => m[1]);
    expect(globbed.sort()).toEqual([...WORKSPACE_SOURCES].sort());
  });
});

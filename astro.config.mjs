// @ts-check
// The course site: Starlight with Chinese as the root locale and English at /en/.
// Chapters come from content/chapters/{zh,en}/ (see src/content.config.ts); the
// "Labs" sidebar group comes from the lab catalog (src/catalog/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
// Lab workbench (src/workbench/): Monaco's CSS ships inside its lazily loaded chunk, not on every page.
import { monacoCssInline } from './src/workbench/vite-plugin-monaco-css.mjs';
import { remarkChapterPaths } from './src/i18n/chapter-paths.mjs';
// Astro loads this file through Vite, so it can import the TypeScript catalog directly.
import { LabCatalog } from './src/catalog/lab-catalog.ts';
import { givenFilesPlugin } from './src/catalog/given-files.ts';
import { uiText } from './src/i18n/ui.ts';

const ROOT = fileURLToPath(new URL('./', import.meta.url));
const catalog = new LabCatalog(ROOT);

/** Chapter pages in reading order: `sidebar.order` from each zh file's frontmatter, then file name. */
function chapterSidebar() {
  const dir = new URL('./content/chapters/zh/', import.meta.url);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[^_].*\.mdx?$/.test(name))
    .map((name) => {
      const text = readFileSync(new URL(name, dir), 'utf8');
      const order = Number(/^\s+order:\s*(-?\d+)/m.exec(text)?.[1] ?? 999);
      return { slug: name.replace(/\.mdx?$/, ''), order };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
    .map(({ slug }) => ({ slug }));
}

/** The lab index, then one link per lab in course order, from the lab catalog (a malformed lab.json stops the build, naming the field). */
function labSidebar() {
  const index = { label: uiText.zh['labindex.sidebar'], translations: { en: uiText.en['labindex.sidebar'] }, link: '/labs/' };
  return [index, ...catalog.labs().map((lab) => ({
    label: lab.title.zh,
    translations: { en: lab.title.en },
    link: `/labs/${lab.slug}/`,
  }))];
}

// Lab workbench: WebContainer needs a cross-origin isolated page (COOP + COEP). The dev and
// preview servers send these on every response, so lab pages, their workers and chunks all match;
// deployments get the same from public/_headers (Netlify/Cloudflare) and vercel.json.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  // The deployed address: canonical links and the sitemap (Starlight writes sitemap-index.xml when `site` is set).
  // Deployments set SITE_URL; without it the site is addressed as `astro preview` serves it.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  // Lab workbench additions (owned by the workbench; see src/workbench/ and src/runtimes/).
  vite: {
    // Reference solutions imported in place (the ops playground's reference) find their lab's given files in labs/.
    plugins: [monacoCssInline(), givenFilesPlugin(catalog, catalog.dirs.solutions)],
    // Pages read labs through src/catalog/site.ts; bundled into dist/, they cannot find the repository on their own.
    define: { 'import.meta.env.COURSE_ROOT': JSON.stringify(ROOT) },
    // Pre-bundling would hide Monaco's CSS imports from the plugin above.
    optimizeDeps: { exclude: ['monaco-editor'] },
    // Module workers (grader, Monaco's TypeScript service) are bundled as ES modules.
    worker: { format: 'es' },
    // Vite serves modules and workers in dev: they need the headers too.
    server: { headers: isolationHeaders },
    preview: { headers: isolationHeaders },
  },
  // Lab workbench: Astro sends these on the pages it renders in `astro dev` and serves in `astro preview`.
  server: { headers: isolationHeaders },
  markdown: {
    // Lets Starlight's markdown plugins see each chapter's locale (see the file for why).
    remarkPlugins: [remarkChapterPaths({ root: new URL('./', import.meta.url), locales: { zh: '', en: 'en' } })],
  },
  integrations: [
    starlight({
      title: { 'zh-CN': '性能工作簿', en: 'Perf Workbook' },
      defaultLocale: 'root',
      locales: {
        root: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar: [
        { label: '章节', translations: { en: 'Chapters' }, items: chapterSidebar() },
        { label: '实验', translations: { en: 'Labs' }, items: labSidebar() },
        // The operations playground (src/ops/): exercise 3.4's dashboard, live.
        { label: '运维演练场', translations: { en: 'Operations playground' }, link: '/ops/' },
        // Benchmark page (bench helper, issue 12 part 5): src/pages/bench.astro, built from bench/results/latest.json.
        { label: '基准测试', translations: { en: 'Benchmarks' }, link: '/bench/' },
      ],
      customCss: ['./src/styles/course.css'],
    }),
  ],
});

// The chapters live in content/chapters/{zh,en}/ (not Starlight's src/content/docs/),
// so the docs collection gets its own glob loader. Chinese is the root locale:
// `zh/3-1-profiling.mdx` becomes the entry `3-1-profiling` (served at /3-1-profiling/)
// and `en/3-1-profiling.mdx` stays `en/3-1-profiling` (served at /en/3-1-profiling/).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';

/** Maps a file path under content/chapters to a Starlight entry id. */
export function chapterId(entry: string): string {
  const id = entry.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
  if (id === 'zh') return 'index';
  if (id.startsWith('zh/')) return id.slice('zh/'.length);
  return id;
}

export const collections = {
  docs: defineCollection({
    loader: glob({
      base: './content/chapters',
      pattern: ['zh/**/[^_]*.{md,mdx}', 'en/**/[^_]*.{md,mdx}'],
      generateId: ({ entry }) => chapterId(entry),
    }),
    schema: docsSchema(),
  }),
  // Starlight's own zh-CN strings leave a few in English (heading anchors, the code copy button).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};

// Starlight 0.37 decides a page's language, and whether to apply its own
// markdown plugins (asides, heading anchor links, code-block labels), from where
// the file sits under src/content/docs/. Our chapters live in content/chapters/
// instead (withastro/starlight discussion #1257 asks for custom content paths).
// This remark plugin, which runs before Starlight's, tells those plugins where
// each chapter would sit: content/chapters/zh/x.mdx → src/content/docs/x.mdx
// (the root locale) and content/chapters/en/x.mdx → src/content/docs/en/x.mdx.
// Only the path the markdown plugins see changes; no file moves.
import { fileURLToPath } from 'node:url';

/**
 * @param {{ root: URL, locales: Record<string, string> }} options
 *   root: the project root; locales: chapter folder → Starlight locale path ('' for the root locale).
 */
export function remarkChapterPaths({ root, locales }) {
  const chapters = fileURLToPath(new URL('./content/chapters/', root));
  const docs = fileURLToPath(new URL('./src/content/docs/', root));
  return () => (_tree, file) => {
    const path = file.path?.replace(/\\/g, '/');
    if (!path?.startsWith(chapters)) return;
    const [folder, ...rest] = path.slice(chapters.length).split('/');
    if (!folder || !(folder in locales)) return;
    file.path = docs + [locales[folder], ...rest].filter(Boolean).join('/');
  };
}

// @ts-check
// Monaco's modules import ~125 stylesheets. Left alone, Astro hoists CSS imported
// by lazily loaded client modules onto every page, so Monaco's 175 KB became
// render-blocking on each chapter. This plugin turns each `import 'x.css'` inside
// monaco-editor into a string import (`?inline`) that is injected into one <style>
// element when the editor chunk runs: the CSS arrives with the editor, on lab pages only.

const VIRTUAL = 'virtual:perf-workbook/monaco-css';
const RESOLVED = '\0' + VIRTUAL;
const MONACO_JS = /[\\/]node_modules[\\/]monaco-editor[\\/]esm[\\/].*\.js(\?.*)?$/;
const CSS_IMPORT = /^import\s+(['"])([^'"]+\.css)\1;?/gm;

/** @returns {import('vite').Plugin} */
export function monacoCssInline() {
  return {
    name: 'perf-workbook:monaco-css-inline',
    enforce: 'pre',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      return [
        'let sheet;',
        'const seen = new Set();',
        'export function injectMonacoCss(css) {',
        "  if (typeof document === 'undefined' || seen.has(css)) return;",
        '  seen.add(css);',
        "  if (!sheet) { sheet = document.createElement('style'); sheet.dataset.monacoCss = ''; document.head.appendChild(sheet); }",
        '  sheet.appendChild(document.createTextNode(css));',
        '}',
      ].join('\n');
    },
    transform(code, id) {
      if (!MONACO_JS.test(id) || !code.includes('.css')) return undefined;
      let n = 0;
      const out = code.replace(CSS_IMPORT, (_m, _q, spec) => {
        const name = `__monacoCss${n++}`;
        return `import ${name} from ${JSON.stringify(spec + '?inline')}; __injectMonacoCss(${name});`;
      });
      if (n === 0) return undefined;
      return { code: `import { injectMonacoCss as __injectMonacoCss } from ${JSON.stringify(VIRTUAL)}; ${out}`, map: null };
    },
  };
}

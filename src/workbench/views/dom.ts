// How views find and make elements. They find the page's own elements by `data-wb`
// attributes (Workbench.astro), never by `data-testid`, which belongs to the tests.

/** The element marked `data-wb="name"` inside root; throws if the markup lacks it. */
export function part<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T>(`[data-wb="${name}"]`);
  if (!found) throw new Error(`the workbench markup has no [data-wb="${name}"]`);
  return found;
}

export const parts = <T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T[] =>
  [...root.querySelectorAll<T>(`[data-wb="${name}"]`)];

/** Makes an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined) node.append(c);
  return node;
}

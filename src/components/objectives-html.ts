// Turns the rendered markdown list inside <Objectives> into checkbox items, on
// the server, so the page shows real controls before any script runs.

export interface ObjectiveItem {
  /** Inner HTML of the list item, as markdown rendered it. */
  html: string;
}

/** The top-level <li> items of the first list in `html` (nested lists stay inside their item). */
export function listItems(html: string): ObjectiveItem[] {
  const items: ObjectiveItem[] = [];
  const tag = /<(\/?)(ul|ol|li)\b[^>]*>/gi;
  let listDepth = 0;
  let itemStart = -1;
  let itemDepth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (name === 'ul' || name === 'ol') {
      listDepth += closing ? -1 : 1;
      if (closing && listDepth === 0) break;
      continue;
    }
    if (listDepth !== 1) continue;
    if (!closing && itemDepth === 0) itemStart = m.index + m[0].length;
    if (!closing) itemDepth++;
    else if (--itemDepth === 0 && itemStart >= 0) {
      items.push({ html: unwrapParagraph(html.slice(itemStart, m.index).trim()) });
      itemStart = -1;
    }
  }
  return items;
}

/** A loose markdown list wraps each item in <p>; a label holds phrasing content only. */
function unwrapParagraph(html: string): string {
  const m = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return m && !m[1]!.includes('<p>') ? m[1]! : html;
}

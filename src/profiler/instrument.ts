// The instrumenting transform behind the in-page profiler: like Python's deterministic
// profiler, it sees every call. Each function, method, getter and arrow gets an enter
// and an exit around its body; `await` and `yield` mark where an async function or a
// generator leaves the CPU and comes back; calls of the scanning built-ins (indexOf,
// splice, shift, sort…; ./builtins.ts) go through the recorder so their time is theirs,
// not the caller's. Only text is inserted, never a line break, so every line of the
// output is the line the learner wrote (stack traces and "line 42" stay true).
//
// Input is plain modern JavaScript (TypeScript stripped by sucrase first: compile.ts);
// acorn parses it. The inserted code calls the recorder (./recorder.ts) through one
// global, `__wbp` by default:
//   function f(a) { const __wbf = __wbp.e(7); try { …body… } finally { __wbp.x(__wbf); } }
//   x => { const __wbf = __wbp.e(8); try { return (x + 1); } finally { __wbp.x(__wbf); } }
//   __wbp.r(__wbf, await __wbp.s(__wbf, promise))            suspend, then resume
//   __wbp.c(9, list, "indexOf", [key])                       a timed call site
import { parse } from 'acorn';
import { TIMED_METHOD_NAMES } from './builtins';

/** A function the transform wrapped. Lines are 1-based, columns 1-based. */
export interface FunctionSite {
  kind: 'function';
  /** "LRUCache.get", "get LRUCache.size", "checkCapacity"; '' for an anonymous function. */
  name: string;
  /** The enclosing function's name, which tells anonymous callbacks apart. */
  context?: string;
  line: number;
  column: number;
}

/** A call of a method named like a timed built-in (`list.indexOf(key)`). */
export interface CallSite {
  kind: 'call';
  /** The method name ("indexOf"); the recorder learns at run time whether it was the built-in. */
  method: string;
  /** The callee as written, for an error message ("this.order.indexOf"). */
  text: string;
  /** The function the call is written in (for an anonymous one, the nearest named one around it; '' at top level). */
  caller: string;
  line: number;
  column: number;
}

export type Site = FunctionSite | CallSite;

export interface InstrumentOptions {
  /** The id of the first site; several files share one numbering. Default 0. */
  firstId?: number;
  /** The global the inserted code calls. Default "__wbp". */
  hook?: string;
  /** Rewrite calls of the timed built-ins. Default true. */
  callSites?: boolean;
}

export interface Instrumented {
  code: string;
  /** Site `firstId + i` is `sites[i]`. */
  sites: Site[];
}

type AstNode = { type: string; start: number; end: number; loc: { start: { line: number; column: number } }; [key: string]: any };

interface FnContext {
  name: string;
  /** The name, or for an anonymous function the nearest enclosing name: what "in …" and "called from …" show. */
  shown: string;
  async: boolean;
  generator: boolean;
}

interface Context {
  /** The nearest function, or null at top level, in a class field initializer or a static block. */
  fn: FnContext | null;
  /** The class whose body this is. */
  cls?: string;
  /** A name the next function takes if it has none of its own (`const f = () => …`). */
  hint?: string;
  /** Where that name is written, for the site's line. */
  hintAt?: AstNode;
  depth: number;
}

/**
 * One textual edit. Edits at the same place apply in nesting order: closing text of an
 * inner construct before that of an outer one, then replacements, then opening text of
 * an outer construct before that of an inner one.
 */
interface Edit { at: number; end: number; text: string; order: number }
const opening = (at: number, depth: number, text: string): Edit => ({ at, end: at, text, order: 2_000_000 + depth });
const closing = (at: number, depth: number, text: string): Edit => ({ at, end: at, text, order: 1_000_000 - depth });
const replacing = (start: number, end: number, text: string): Edit => ({ at: start, end, text, order: 1_500_000 });

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range']);
const isNode = (x: unknown): x is AstNode => typeof x === 'object' && x !== null && typeof (x as AstNode).type === 'string';

/** A local name the source does not use, so the inserted code cannot collide with the learner's. */
function freshName(source: string, base: string): string {
  let name = base;
  while (source.includes(name)) name += '_';
  return name;
}

/** Instruments one file of JavaScript (ES modules or scripts). Throws acorn's SyntaxError on code that does not parse. */
export function instrument(source: string, options: InstrumentOptions = {}): Instrumented {
  const firstId = options.firstId ?? 0;
  const H = options.hook ?? '__wbp';
  const F = freshName(source, '__wbf');
  const callSites = options.callSites ?? true;
  const ast = parse(source, {
    ecmaVersion: 'latest', sourceType: 'module', locations: true, preserveParens: true,
    allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true,
  }) as unknown as AstNode;

  const sites: Site[] = [];
  const edits: Edit[] = [];
  /** Calls that are links of an optional chain (`a?.b.indexOf(x)`): rewriting them would break the short circuit. */
  const chainLinks = new Set<AstNode>();

  const addSite = (site: Site) => firstId + sites.push(site) - 1;
  const keyName = (key: AstNode, computed: boolean): string => {
    if (computed) return `[${source.slice(key.start, key.end).slice(0, 40)}]`;
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
    return String(key.value);
  };
  const targetName = (target: AstNode): string | undefined => {
    if (target.type === 'Identifier') return target.name;
    if (target.type === 'MemberExpression' && !target.computed) return keyName(target.property, false);
    return undefined;
  };

  function wrapFunction(fn: AstNode, ctx: Context): FnContext {
    const name = fn.id?.name ?? ctx.hint ?? '';
    const at = fn.id ?? ctx.hintAt ?? fn;
    const id = addSite({
      kind: 'function', name, ...(ctx.fn?.shown ? { context: ctx.fn.shown } : {}),
      line: at.loc.start.line, column: at.loc.start.column + 1,
    });
    const enter = `const ${F} = ${H}.e(${id}); try {`;
    const exit = `} finally { ${H}.x(${F}); }`;
    const d = ctx.depth * 2;
    const body = fn.body as AstNode;
    if (body.type === 'BlockStatement') {
      // After the directive prologue ('use strict' must stay first).
      let at = body.start + 1;
      for (const stmt of body.body as AstNode[]) {
        if (stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string') at = stmt.end;
        else break;
      }
      // An empty body gets both texts as one edit: at one place, closings go before openings.
      if (at === body.end - 1) edits.push(opening(at, d, `${enter} ${exit}`));
      else edits.push(opening(at, d, enter), closing(body.end - 1, d, exit));
    } else {
      // An arrow's expression body becomes a block that returns it: `this` and `arguments` stay lexical.
      edits.push(opening(body.start, d, `{ ${enter} return (`), closing(body.end, d, `); ${exit} }`));
    }
    return { name, shown: name || ctx.fn?.shown || '', async: !!fn.async, generator: !!fn.generator };
  }

  /** `await x` → resume(frame, await suspend(frame, x)); the same for `yield`. */
  function wrapSuspension(node: AstNode, ctx: Context): void {
    const d = ctx.depth * 2;
    if (!node.argument) {
      edits.push(replacing(node.start, node.end, `${H}.r(${F}, yield ${H}.s(${F}))`));
      return;
    }
    edits.push(
      opening(node.start, d, `${H}.r(${F}, `),
      opening(node.argument.start, d + 1, `${H}.s(${F}, `),
      closing(node.argument.end, d + 1, ')'),
      closing(node.end, d, ')'),
    );
  }

  /** A catch or finally block of an async function or generator may be entered after a rejected await: resume there. */
  function resumeAtBlockStart(block: AstNode, ctx: Context): void {
    edits.push(opening(block.start + 1, ctx.depth * 2, `${H}.r(${F});`));
  }

  function wrapCallSite(call: AstNode, ctx: Context): void {
    const callee = call.callee as AstNode;
    const method = callee.property.name as string;
    const id = addSite({
      kind: 'call', method, text: source.slice(callee.start, callee.end).replace(/\s+/g, ' ').slice(0, 60),
      caller: ctx.fn?.shown ?? '', line: callee.property.loc.start.line, column: callee.property.loc.start.column + 1,
    });
    const args = call.arguments as AstNode[];
    const between = [callee.object.end, args.length ? args[0].start : call.end - 1] as const;
    // `.indexOf(` and whatever lies around it become `, "indexOf", [`, keeping any line breaks.
    const breaks = '\n'.repeat(source.slice(...between).split('\n').length - 1);
    edits.push(
      opening(call.start, ctx.depth * 2, `${H}.c(${id}, `),
      replacing(between[0], between[1], `, ${JSON.stringify(method)}, [${breaks}`),
      replacing(call.end - 1, call.end, '])'),
    );
  }

  const isTimedCall = (node: AstNode): boolean => {
    const callee = node.callee as AstNode;
    return callSites && !node.optional && callee.type === 'MemberExpression' && !callee.computed && !callee.optional
      && callee.property.type === 'Identifier' && TIMED_METHOD_NAMES.has(callee.property.name)
      && callee.object.type !== 'Super' && !chainLinks.has(node);
  };

  function visitChildren(node: AstNode, ctx: Context): void {
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, ctx);
      } else if (isNode(value)) {
        visit(value, ctx);
      }
    }
  }

  function visit(node: AstNode, outer: Context): void {
    const ctx: Context = { fn: outer.fn, cls: outer.cls, depth: outer.depth + 1 };
    const named = (hint: string | undefined, hintAt?: AstNode): Context => ({ ...ctx, hint, hintAt });
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const fn = wrapFunction(node, { ...ctx, hint: outer.hint, hintAt: outer.hintAt });
        const inner: Context = { fn, depth: ctx.depth };
        for (const param of node.params as AstNode[]) visit(param, inner);
        visit(node.body, inner);
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (node.superClass) visit(node.superClass, ctx);
        visit(node.body, { ...ctx, cls: node.id?.name ?? outer.hint ?? '(class)' });
        return;
      }
      case 'MethodDefinition': {
        if (node.computed) visit(node.key, ctx);
        const prefix = node.kind === 'get' || node.kind === 'set' ? `${node.kind} ` : '';
        visit(node.value, named(`${prefix}${ctx.cls ?? ''}.${keyName(node.key, node.computed)}`, node.key));
        return;
      }
      case 'PropertyDefinition': {
        if (node.computed) visit(node.key, ctx);
        // A field initializer runs as its own little function: no enclosing frame to suspend or resume.
        if (node.value) visit(node.value, { ...named(`${ctx.cls ?? ''}.${keyName(node.key, node.computed)}`, node.key), fn: null });
        return;
      }
      case 'StaticBlock':
        visitChildren(node, { ...ctx, fn: null });
        return;
      case 'ObjectExpression':
        for (const prop of node.properties as AstNode[]) {
          if (prop.type !== 'Property') { visit(prop, ctx); continue; }
          if (prop.computed) visit(prop.key, ctx);
          const prefix = prop.kind === 'get' || prop.kind === 'set' ? `${prop.kind} ` : '';
          const key = keyName(prop.key, prop.computed);
          visit(prop.value, named(`${prefix}${outer.hint ? `${outer.hint}.` : ''}${key}`, prop.key));
        }
        return;
      case 'VariableDeclarator':
        visit(node.id, ctx);
        if (node.init) visit(node.init, node.id.type === 'Identifier' ? named(node.id.name, node.id) : ctx);
        return;
      case 'AssignmentExpression':
      case 'AssignmentPattern':
        visit(node.left, ctx);
        visit(node.right, named(targetName(node.left), node.left));
        return;
      case 'ParenthesizedExpression':
        visit(node.expression, named(outer.hint, outer.hintAt));
        return;
      case 'ExportDefaultDeclaration':
        visit(node.declaration, named('default', node));
        return;
      case 'ChainExpression':
        for (let link = node.expression as AstNode | undefined; link && (link.type === 'CallExpression' || link.type === 'MemberExpression');
          link = link.type === 'CallExpression' ? link.callee : link.object) chainLinks.add(link);
        break;
      case 'AwaitExpression':
        if (ctx.fn?.async) wrapSuspension(node, ctx);
        break;
      case 'YieldExpression':
        if (ctx.fn?.generator) wrapSuspension(node, ctx);
        break;
      case 'CatchClause':
        if (ctx.fn && (ctx.fn.async || ctx.fn.generator)) resumeAtBlockStart(node.body, ctx);
        break;
      case 'TryStatement':
        if (node.finalizer && ctx.fn && (ctx.fn.async || ctx.fn.generator)) resumeAtBlockStart(node.finalizer, ctx);
        break;
      case 'ForOfStatement':
        if (node.await && ctx.fn?.async) {
          // The loop awaits each step itself: the wrapper marks the frame suspended as it asks for the next
          // item, and the body resumes it. (After the loop the frame resumes at its next await or exit.)
          const d = ctx.depth * 2 + 1;
          edits.push(opening(node.right.start, d, `${H}.fa(${F}, `), closing(node.right.end, d, ')'));
          const body = node.body as AstNode;
          if (body.type === 'BlockStatement') edits.push(opening(body.start + 1, d, `${H}.r(${F});`));
          else edits.push(opening(body.start, d, `{ ${H}.r(${F}); `), closing(body.end, d, ' }'));
        }
        break;
      case 'CallExpression':
        if (isTimedCall(node)) wrapCallSite(node, ctx);
        break;
    }
    visitChildren(node, ctx);
  }

  visit(ast, { fn: null, depth: 0 });

  edits.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.at < cursor) throw new Error(`instrument: overlapping edits at offset ${edit.at}`);
    out += source.slice(cursor, edit.at) + edit.text;
    cursor = edit.end;
  }
  out += source.slice(cursor);
  return { code: out, sites };
}

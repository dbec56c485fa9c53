import { describe, expect, it } from 'vitest';
import { checkPerf, interleavedRatio, workOnce } from '@grader-kit';
import { DependencyGraph } from '@impl/cache-invalidation/dependency-graph';
import { chainEdges } from './helpers';

function graphOf(edges: Array<[string, string]>): DependencyGraph {
  const graph = new DependencyGraph();
  for (const [source, dependent] of edges) graph.addEdge(source, dependent);
  return graph;
}

describe('dependency-graph', () => {
  it('dependentsOf lists the keys built directly from a source, in the order added', () => {
    const graph = graphOf([['user:1', 'orders:1'], ['user:1', 'profile:1'], ['orders:1', 'dashboard:1']]);
    expect(graph.dependentsOf('user:1')).toEqual(['orders:1', 'profile:1']);
    expect(graph.dependentsOf('orders:1')).toEqual(['dashboard:1']);
    expect(graph.dependentsOf('dashboard:1')).toEqual([]);
    expect(graph.dependentsOf('never-seen')).toEqual([]);
  });

  it('adding the same edge twice stores it once', () => {
    const graph = graphOf([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    expect(graph.dependentsOf('a')).toEqual(['b']);
    expect(graph.affectedBy('a')).toEqual(['a', 'b']);
  });

  it('size counts every key with at least one edge, as a source or as a dependent', () => {
    expect(new DependencyGraph().size).toBe(0);
    const graph = graphOf([['a', 'b'], ['b', 'c'], ['a', 'c'], ['x', 'c'], ['s', 's']]);
    expect(graph.size).toBe(5);
  });

  it('forget removes a key with every edge into and out of it', () => {
    const graph = graphOf([['a', 'b'], ['b', 'c'], ['x', 'b'], ['a', 'c']]);
    graph.forget('b');
    expect(graph.dependentsOf('a')).toEqual(['c']);
    expect(graph.dependentsOf('x')).toEqual([]);
    expect(graph.dependentsOf('b')).toEqual([]);
    expect(graph.affectedBy('a')).toEqual(['a', 'c']);
    expect(graph.affectedBy('x')).toEqual(['x']);
    expect(graph.size).toBe(2); // x has no edge left, so it is no longer held
  });

  it('forget of a source frees a dependent it was the only edge of, and keeps one that has another source', () => {
    const alone = graphOf([['a', 'b']]);
    alone.forget('a');
    expect(alone.size).toBe(0);
    expect(alone.affectedBy('b')).toEqual(['b']);
    const shared = graphOf([['a', 'b'], ['c', 'b']]);
    shared.forget('a');
    expect(shared.size).toBe(2);
    expect(shared.dependentsOf('c')).toEqual(['b']);
    expect(shared.affectedBy('c')).toEqual(['c', 'b']);
  });

  it('forget of keys that are gone leaves the graph empty', () => {
    const graph = graphOf([['a', 'b'], ['b', 'c']]);
    for (const key of ['a', 'b', 'c']) graph.forget(key);
    expect(graph.size).toBe(0);
    graph.forget('never-seen');
    expect(graph.size).toBe(0);
  });
});

describe('transitive-invalidation', () => {
  it('affectedBy reaches dependents of dependents, any number of levels down', () => {
    const graph = graphOf([['user:1', 'orders:1'], ['orders:1', 'dashboard:1'], ['dashboard:1', 'home:1'], ['other', 'x']]);
    expect(graph.affectedBy('user:1')).toEqual(['user:1', 'orders:1', 'dashboard:1', 'home:1']);
    expect(graph.affectedBy('orders:1')).toEqual(['orders:1', 'dashboard:1', 'home:1']);
  });

  it('a key with no dependents affects only itself, known or not', () => {
    const graph = graphOf([['a', 'b']]);
    expect(graph.affectedBy('b')).toEqual(['b']);
    expect(graph.affectedBy('unknown')).toEqual(['unknown']);
  });

  it('in a diamond, the key reachable by two paths is listed once', () => {
    //   a → b → d,  a → c → d,  d → e
    const graph = graphOf([['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e']]);
    const affected = graph.affectedBy('a');
    expect(affected[0]).toBe('a');
    expect([...affected].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a wide lattice lists each key once, not once per path', () => {
    // 10 layers of 10 keys, every key linked to every key of the next layer: 10^10 paths, 100 keys.
    const edges: Array<[string, string]> = [];
    for (let layer = 0; layer < 9; layer++) {
      for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) edges.push([`L${layer}.${i}`, `L${layer + 1}.${j}`]);
    }
    edges.push(['root', 'L0.0'], ['root', 'L0.1']);
    for (let i = 2; i < 10; i++) edges.push(['L0.0', `L0.${i}`]);
    const affected = graphOf(edges).affectedBy('root');
    expect(affected.length).toBe(101);
    expect(new Set(affected).size).toBe(101);
  });

  it('a cycle ends, with each key listed once', () => {
    const graph = graphOf([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']]);
    expect([...graph.affectedBy('b')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(graph.affectedBy('b')[0]).toBe('b');
  });

  it('a key that depends on itself is listed once', () => {
    const graph = graphOf([['a', 'a'], ['a', 'b']]);
    expect(graph.affectedBy('a')).toEqual(['a', 'b']);
  });

  it('affectedByAll merges several sources, listing a shared dependent once', () => {
    const graph = graphOf([['user:1', 'report'], ['orders', 'report'], ['report', 'dashboard'], ['orders', 'totals']]);
    const affected = graph.affectedByAll(['user:1', 'orders']);
    expect(affected.slice(0, 2)).toEqual(['user:1', 'orders']);
    expect([...affected].sort()).toEqual(['dashboard', 'orders', 'report', 'totals', 'user:1']);
    expect(graph.affectedByAll(['a', 'a'])).toEqual(['a']);
    expect(graph.affectedByAll([])).toEqual([]);
  });

  it('walking the graph does not change it', () => {
    const graph = graphOf([['a', 'b'], ['b', 'c']]);
    graph.affectedBy('a');
    expect(graph.affectedBy('a')).toEqual(['a', 'b', 'c']);
    expect(graph.size).toBe(3);
  });
});

describe('deep-chains', () => {
  it('a chain 100k keys deep is walked to the end without overflowing the stack', () => {
    const graph = graphOf(chainEdges(100_000));
    const affected = graph.affectedBy('n0');
    expect(affected.length).toBe(100_000);
    expect(affected[0]).toBe('n0');
    expect(affected[99_999]).toBe('n99999');
  });

  it('a ring 100k keys around ends after one lap', () => {
    const graph = graphOf([...chainEdges(100_000), ['n99999', 'n0']]);
    expect(graph.affectedBy('n500').length).toBe(100_000);
  });
});

describe('invalidation-scales', () => {
  // Each comparison does the same amount of work on both sides, in one graph or in graphs
  // of the same total size, so that only the algorithm makes size matter: linear work gives
  // about 1× per key, quadratic work (visited keys in an array, a scan per forget) 30-100×,
  // and a queue read with shift() past V8's ~16k-element threshold about 30×.
  const time = (fn: () => unknown) => workOnce(fn);
  /** Warms both workloads up, then checks that a costs at most 8× b (median of 7 interleaved pairs). */
  const atMost8x = async (task: Parameters<typeof checkPerf>[0], metric: string, a: () => Promise<number>, b: () => Promise<number>) => {
    await a();
    await b();
    await checkPerf(task, { metric, target: 8, unit: '×', direction: 'max', measure: () => interleavedRatio(a, b, 7) });
  };

  it('walking a 20k chain costs per key at most 8× what walking 100 chains of 200 costs', async ({ task }) => {
    const graph = graphOf([
      ...chainEdges(20_000),
      ...Array.from({ length: 100 }, (_, c) => chainEdges(200).map(([a, b]): [string, string] => [`c${c}:${a}`, `c${c}:${b}`])).flat(),
    ]);
    const long = () => time(() => graph.affectedBy('n0'));
    const short = () => time(() => { for (let c = 0; c < 100; c++) graph.affectedBy(`c${c}:n0`); });
    await atMost8x(task, 'cost per key, one 20k chain ÷ 100 chains of 200', long, short);
  });

  it('a key with 60k direct dependents costs per key at most 8× what 600 keys with 100 each cost', async ({ task }) => {
    const star = (root: string, n: number) => Array.from({ length: n }, (_, i): [string, string] => [root, `${root}.${i}`]);
    const graph = graphOf([...star('wide', 60_000), ...Array.from({ length: 600 }, (_, s) => star(`s${s}`, 100)).flat()]);
    const wide = () => time(() => graph.affectedBy('wide'));
    const narrow = () => time(() => { for (let s = 0; s < 600; s++) graph.affectedBy(`s${s}`); });
    await atMost8x(task, 'cost per key, one key with 60k dependents ÷ 600 keys with 100', wide, narrow);
  });

  it('forget costs about the same in graphs of 5000 keys as in graphs of 100', async ({ task }) => {
    // Fresh graphs for every sample, since forget takes their keys away; building them is not
    // timed. Both sides forget 10k keys: every key of 4 graphs of 2500 edges, or of 200 graphs of 50.
    const forgetAll = (graphs: number, edges: number) => {
      const built = Array.from({ length: graphs }, () => graphOf(Array.from({ length: edges }, (_, i): [string, string] => [`a${i}`, `b${i}`])));
      return time(() => built.forEach((graph) => { for (let i = 0; i < edges; i++) graph.forget(`b${i}`); }));
    };
    const big = () => forgetAll(4, 2_500);
    const small = () => forgetAll(200, 50);
    await atMost8x(task, 'cost per forget, graphs of 5000 keys ÷ graphs of 100', big, small);
  });
});

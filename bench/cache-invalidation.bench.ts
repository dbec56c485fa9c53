// The invalidation walk: everything reachable from a changed key in the dependency
// graph, each key once. The lab's reference DependencyGraph.affectedBy against the
// two graph libraries people reach for: dependency-graph 1 (dependantsOf, a DFS
// made for build tools) and graphology 0.26 with graphology-traversal's bfsFromNode.
// Every variant holds the same edges and must return the same number of keys.
import { DepGraph } from 'dependency-graph';
import { DirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import { DependencyGraph } from '../solutions/cache-invalidation/dependency-graph';
import { seededRandom } from '../src/grader-kit/index';
import { compare, sized, timed, type Variant } from './lib';
import type { SuiteResult } from './results';

type Edge = readonly [source: string, dependent: string];

/** The same edges in all three graphs, and a walk for each that returns how many keys it reached (the start included). */
function buildGraphs(edges: readonly Edge[]) {
  const reference = new DependencyGraph();
  const depGraph = new DepGraph<undefined>();
  const graphology = new DirectedGraph();
  for (const [source, dependent] of edges) {
    reference.addEdge(source, dependent);
    for (const key of [source, dependent]) {
      if (!depGraph.hasNode(key)) depGraph.addNode(key);
      if (!graphology.hasNode(key)) graphology.addNode(key);
    }
    depGraph.addDependency(dependent, source); // "dependent depends on source"
    if (!graphology.hasEdge(source, dependent)) graphology.addEdge(source, dependent);
  }
  return {
    reference: (key: string) => reference.affectedBy(key).length,
    depGraph: (key: string) => depGraph.dependantsOf(key).length + 1,
    graphology: (key: string) => {
      let reached = 0;
      bfsFromNode(graphology, key, () => void reached++);
      return reached;
    },
  };
}

/** The three variants, each walking from every start in turn; all must reach the same total. */
function walkVariants(edges: readonly Edge[], starts: readonly string[]): Variant[] {
  const walks = buildGraphs(edges);
  const totals = new Map<string, number>();
  const variant = (name: string, role: Variant['role'], walk: (key: string) => number, nameZh?: string): Variant => ({
    name,
    nameZh,
    role,
    run: () => {
      let reached = 0;
      const result = timed(starts.length, () => {
        for (const key of starts) reached += walk(key);
      });
      totals.set(name, reached);
      if (new Set(totals.values()).size > 1) throw new Error(`the walks disagree on how many keys are affected: ${[...totals].join(', ')}`);
      return result;
    },
  });
  return [
    variant('reference DependencyGraph.affectedBy', 'reference', walks.reference, '参考实现 DependencyGraph.affectedBy'),
    variant('dependency-graph 1.0.0 dependantsOf', 'library', walks.depGraph),
    variant('graphology 0.26.0 + traversal 0.3.1 bfsFromNode', 'library', walks.graphology),
  ];
}

/**
 * A layered cache: rows → queries → pages → fragments. Each query reads 3 rows, each
 * page shows 4 queries, each fragment embeds 2 pages, all picked at random, so walks
 * meet diamonds (a page reached through two of its queries) all the time.
 */
function layeredEdges(rows: number): Edge[] {
  const random = seededRandom(12);
  const pick = (prefix: string, n: number) => `${prefix}:${Math.floor(random() * n)}`;
  const queries = rows * 2;
  const pages = rows;
  const fragments = rows * 2;
  const edges: Edge[] = [];
  for (let q = 0; q < queries; q++) for (let k = 0; k < 3; k++) edges.push([pick('row', rows), `query:${q}`]);
  for (let p = 0; p < pages; p++) for (let k = 0; k < 4; k++) edges.push([pick('query', queries), `page:${p}`]);
  for (let f = 0; f < fragments; f++) for (let k = 0; k < 2; k++) edges.push([pick('page', pages), `fragment:${f}`]);
  return edges;
}

/** One hot key feeding 100 lists, each list feeding 1000 items, each item shared by two lists: 100k keys below one. */
function fanOutEdges(lists: number, itemsPerList: number): Edge[] {
  const edges: Edge[] = [];
  for (let l = 0; l < lists; l++) {
    edges.push(['config', `list:${l}`]);
    for (let i = 0; i < itemsPerList; i++) {
      edges.push([`list:${l}`, `item:${l * itemsPerList + i}`]);
      edges.push([`list:${(l + 1) % lists}`, `item:${l * itemsPerList + i}`]); // a diamond for every item
    }
  }
  return edges;
}

export default async function cacheInvalidationBench(): Promise<SuiteResult[]> {
  const edges = layeredEdges(sized(5000, 500));
  // Walks start at rows that some query reads (dependency-graph throws for a key it has never seen).
  const readRows = [...new Set(edges.filter(([source]) => source.startsWith('row:')).map(([source]) => source))];
  const random = seededRandom(13);
  const starts = Array.from({ length: sized(5000, 500) }, () => readRows[Math.floor(random() * readRows.length)]);
  const layered = await compare({
    id: 'cache-invalidation/layered-walks',
    lab: 'cache-invalidation',
    title: { en: 'Invalidation walks in a layered cache graph (30k keys)', zh: '分层缓存依赖图中的失效遍历（3 万个键）' },
    about: {
      en: 'Rows → queries → pages → fragments with random diamonds; each operation is one walk from a changed row to every key built from it (about 70), each key once. graphology’s BFS sizes its queue to the whole graph on every walk, which small walks in a big graph pay for.',
      zh: '行 → 查询 → 页面 → 片段，随机形成菱形依赖；每次操作是从一个变更的行出发，找出由它构建的所有键（约 70 个），每个键只出现一次。graphology 的 BFS 每次遍历都按整张图的大小分配队列，大图中的小遍历要为此付出代价。',
    },
  }, walkVariants(edges, starts));

  const lists = 100;
  const fanOut = await compare({
    id: 'cache-invalidation/fan-out-walk',
    lab: 'cache-invalidation',
    title: { en: 'One walk that reaches 100k keys', zh: '一次遍历触及 10 万个键' },
    about: {
      en: 'A hot key (a config) feeds 100 lists; every item sits in two lists. One operation is one walk from the hot key, visiting each key once despite the diamonds.',
      zh: '一个热点键（配置）供给 100 个列表，每个条目同时属于两个列表。每次操作是从热点键出发的一次遍历，尽管有菱形依赖，每个键也只访问一次。',
    },
  }, walkVariants(fanOutEdges(lists, sized(1000, 50)), ['config']));

  return [layered, fanOut];
}

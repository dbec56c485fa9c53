// Which cache keys are computed from which: a directed graph with an edge
// source → dependent for "dependent is built from source". When a source changes,
// everything reachable from it is stale.

interface GraphNode {
  readonly key: string;
  /** Keys built from this one. A Set, so that adding an edge twice stores it once. */
  readonly dependents: Set<GraphNode>;
  /** Keys this one is built from: kept so that forget() needs no scan. */
  readonly sources: Set<GraphNode>;
  /** The number of the last walk that reached this node (see affectedByAll). */
  visitedInWalk: number;
}

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private walks = 0;

  /** Records that `dependent` is computed from `source`. Adding an edge twice changes nothing. */
  addEdge(source: string, dependent: string): void {
    const from = this.nodeFor(source);
    const to = this.nodeFor(dependent);
    from.dependents.add(to);
    to.sources.add(from);
  }

  /** The keys built directly from `source`, in the order their edges were first added. */
  dependentsOf(source: string): string[] {
    return [...(this.nodes.get(source)?.dependents ?? [])].map((node) => node.key);
  }

  /** How many keys have at least one edge, as a source or as a dependent. */
  get size(): number {
    return this.nodes.size;
  }

  /**
   * Everything to invalidate when `source` changes: `source` itself first, then every
   * key that depends on it directly or through other keys, each exactly once.
   */
  affectedBy(source: string): string[] {
    return this.affectedByAll([source]);
  }

  /** Like affectedBy, for several sources at once: a key reachable from two of them is listed once. */
  affectedByAll(sources: Iterable<string>): string[] {
    // Each walk gets a new number and stamps the nodes it reaches, so "seen already?"
    // is one field compare. A Set of visited keys works too, but at 100k keys it
    // spends most of its time growing and rehashing. The stamps also make diamonds
    // visit a node once and make cycles end.
    const walk = ++this.walks;
    const affected: string[] = [];
    const queue: GraphNode[] = [];
    for (const key of new Set(sources)) {
      affected.push(key);
      const node = this.nodes.get(key);
      if (node === undefined) continue; // a key with no edges affects only itself
      node.visitedInWalk = walk;
      queue.push(node);
    }
    // Breadth-first with an explicit queue, never recursion: a chain 100k deep would
    // overflow the call stack. Reading with a moving index, because queue.shift()
    // is O(n) in V8 on long arrays.
    for (let head = 0; head < queue.length; head++) {
      for (const dependent of queue[head].dependents) {
        if (dependent.visitedInWalk === walk) continue;
        dependent.visitedInWalk = walk;
        queue.push(dependent);
        affected.push(dependent.key);
      }
    }
    return affected;
  }

  /** Removes `key` and every edge into or out of it: for keys that are gone for good. */
  forget(key: string): void {
    const node = this.nodes.get(key);
    if (node === undefined) return;
    for (const dependent of node.dependents) {
      dependent.sources.delete(node);
      this.dropIfUnlinked(dependent);
    }
    for (const source of node.sources) {
      source.dependents.delete(node);
      this.dropIfUnlinked(source);
    }
    this.nodes.delete(key);
  }

  private nodeFor(key: string): GraphNode {
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = { key, dependents: new Set(), sources: new Set(), visitedInWalk: 0 };
      this.nodes.set(key, node);
    }
    return node;
  }

  // A node with no edges left holds nothing worth keeping: leaving it would be a slow leak.
  private dropIfUnlinked(node: GraphNode): void {
    if (node.dependents.size === 0 && node.sources.size === 0) this.nodes.delete(node.key);
  }
}

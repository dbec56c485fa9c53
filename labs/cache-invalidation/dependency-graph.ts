// Which cache keys are computed from which: a directed graph with an edge
// source → dependent meaning "dependent is built from source". When a source
// changes, every key reachable from it is stale.
//
// Rules the graders check:
// - Adding the same edge twice stores it once.
// - A walk lists each key once: in a diamond (two paths to one key) and in a cycle.
// - A walk never recurses: a chain 100k keys deep must not overflow the call stack.
// - A walk costs O(keys + edges reached): no `includes` or `indexOf` over growing arrays.

export class DependencyGraph {
  /** Records that `dependent` is computed from `source`. Adding an edge twice changes nothing. */
  addEdge(source: string, dependent: string): void {
    throw new Error('not implemented: DependencyGraph.addEdge');
  }

  /** The keys built directly from `source`, in the order their edges were first added; [] for an unknown key. */
  dependentsOf(source: string): string[] {
    throw new Error('not implemented: DependencyGraph.dependentsOf');
  }

  /** How many keys have at least one edge, as a source or as a dependent. */
  get size(): number {
    throw new Error('not implemented: DependencyGraph.size');
  }

  /**
   * Everything to invalidate when `source` changes: `source` itself first, then every
   * key that depends on it directly or through other keys, each exactly once.
   * A key with no edges affects only itself. The graph is not changed.
   */
  affectedBy(source: string): string[] {
    throw new Error('not implemented: DependencyGraph.affectedBy');
  }

  /**
   * Like affectedBy, for several sources at once: the sources first (each once, in the
   * order given), then their dependents; a key reachable from two sources is listed once.
   */
  affectedByAll(sources: Iterable<string>): string[] {
    throw new Error('not implemented: DependencyGraph.affectedByAll');
  }

  /**
   * Removes `key` and every edge into or out of it, for keys that are gone for good.
   * A key left with no edge at all is no longer counted by `size`.
   */
  forget(key: string): void {
    throw new Error('not implemented: DependencyGraph.forget');
  }
}

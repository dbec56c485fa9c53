// The one reactive primitive of the workbench: a value that tells its subscribers when it
// changes. Stores (src/workbench/state/) hold signals; views (src/workbench/views/) subscribe
// and render. Nothing else: no framework, as the page ships no UI library.
export interface Signal<T> {
  readonly value: T;
  set(next: T): void;
  /** Calls `fn` now and on every change; returns the unsubscribe. */
  subscribe(fn: (value: T) => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let value = initial;
  const subscribers = new Set<(value: T) => void>();
  return {
    get value() { return value; },
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const fn of [...subscribers]) fn(value);
    },
    subscribe(fn) {
      subscribers.add(fn);
      fn(value);
      return () => subscribers.delete(fn);
    },
  };
}

// A slow, obviously right model of the budgeted store, for step-by-step comparison:
// entries in one array in insertion/access order, eviction by a full scan.

export interface ModelEntry { key: number; size: number; priority: number }

export class ModelStore {
  entries: ModelEntry[] = [];
  evictedKeys: number[] = [];

  constructor(readonly maxBytes: number) {}

  get bytesUsed(): number {
    return this.entries.reduce((sum, e) => sum + e.size, 0);
  }

  set(key: number, size: number, priority: number): 'stored' | 'rejected' {
    if (size > this.maxBytes) return 'rejected';
    this.entries = this.entries.filter((e) => e.key !== key);
    while (this.bytesUsed + size > this.maxBytes) {
      // Lowest priority first; within a priority, the earliest in the array is the least recent.
      let victim = 0;
      for (let i = 1; i < this.entries.length; i++) if (this.entries[i].priority < this.entries[victim].priority) victim = i;
      this.evictedKeys.push(this.entries[victim].key);
      this.entries.splice(victim, 1);
    }
    this.entries.push({ key, size, priority });
    return 'stored';
  }

  get(key: number): boolean {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return false;
    this.entries.push(...this.entries.splice(i, 1));
    return true;
  }

  delete(key: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.key !== key);
    return this.entries.length < before;
  }

  /** Keys in eviction order, as the store's keys() must list them. */
  evictionOrder(): number[] {
    return [...this.entries].map((e, i) => ({ ...e, i })).sort((a, b) => a.priority - b.priority || a.i - b.i).map((e) => e.key);
  }
}

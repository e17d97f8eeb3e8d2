// Counts by string in compact form (a sender's recipient occurrences per domain): the strings
// in one arena, the counts in a typed array. Reads like a Map, in insertion order; nothing is
// ever deleted, as a sender's domains only grow.
import { StringTable } from './baseline-strings.js'
import { MapView } from './map-view.js'

/**
 * @example
 * const domains = new CountTable()
 * domains.add('partner.example', 2)
 * domains.get('partner.example') // 2
 */
export class CountTable extends MapView<number> {
  private readonly strings: StringTable
  private counts: Float64Array

  constructor(expected = 4, expectedBytes = 64) {
    super()
    this.strings = new StringTable(expected, expectedBytes)
    this.counts = new Float64Array(Math.max(4, expected))
  }

  get size(): number {
    return this.strings.size
  }

  get(key: string): number | undefined {
    const id = this.strings.find(key)
    return id === -1 ? undefined : this.counts[id]
  }

  has(key: string): boolean {
    return this.strings.find(key) !== -1
  }

  set(key: string, count: number): this {
    this.store(this.strings.intern(key), count)
    return this
  }

  /** Adds `count` to the string in `bytes[start, end)` (UTF-8), which is added when new. */
  addBytes(bytes: Uint8Array, start: number, end: number, count: number): void {
    const id = this.strings.internBytes(bytes, start, end)
    this.store(id, (this.counts[id] ?? 0) + count)
  }

  *entries(): MapIterator<[string, number]> {
    for (let id = 0; id < this.size; id++) yield [this.strings.text(id), this.counts[id] ?? 0]
  }

  *keys(): MapIterator<string> {
    for (let id = 0; id < this.size; id++) yield this.strings.text(id)
  }

  *values(): MapIterator<number> {
    for (let id = 0; id < this.size; id++) yield this.counts[id] ?? 0
  }

  private store(id: number, count: number): void {
    if (id >= this.counts.length) {
      const counts = new Float64Array(Math.max(id + 1, this.counts.length * 2))
      counts.set(this.counts)
      this.counts = counts
    }
    this.counts[id] = count
  }
}

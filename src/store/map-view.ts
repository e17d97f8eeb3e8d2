// The part of ReadonlyMap that follows from `entries()`, for the compact tables of a cached
// sender (count-table.ts, group-table.ts, recipient-table.ts), which keep their entries in
// typed arrays and string arenas but are read as Maps.
export abstract class MapView<V> implements ReadonlyMap<string, V> {
  abstract readonly size: number
  abstract get(key: string): V | undefined
  abstract has(key: string): boolean
  abstract entries(): MapIterator<[string, V]>
  abstract keys(): MapIterator<string>
  abstract values(): MapIterator<V>

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries()
  }

  forEach(
    callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this)
  }
}

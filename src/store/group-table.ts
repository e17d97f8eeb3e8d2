// A sender's recipient groups in compact form: the keys (members joined with newlines) in one
// string arena, counts and times in typed arrays, the Map order in a list of ids. Groups are
// up to 64 keys of up to 15 addresses; as a Map they were a key, an array and a string per
// member each, a third of what a cached sender held on the heap.
import type { GroupHabit } from './baseline-types.js'
import { StringTable } from './baseline-strings.js'
import { MapView } from './map-view.js'

/**
 * A Map of GroupHabit by key, with a Map's order (a group deleted and added again goes last).
 * Habits are made on each read; their `members` are split from the key when first asked for,
 * as most reads look at the count alone.
 *
 * @example
 * const groups = new GroupTable()
 * groups.set('a@x.example\nb@x.example', { count: 1, lastSeen: 0 })
 * groups.get('a@x.example\nb@x.example')?.members // ['a@x.example', 'b@x.example']
 */
export class GroupTable extends MapView<GroupHabit> {
  private keyTable: StringTable
  /** Ids of the live groups in Map order. */
  private order: number[] = []
  private alive: Uint8Array
  private counts: Float64Array
  private lastSeens: Float64Array

  /** Sized for `expected` groups and key bytes plus a quarter, as new groups keep coming. */
  constructor(expected = 4, keyBytes = 256) {
    super()
    const capacity = Math.max(4, expected + (expected >> 2))
    this.keyTable = new StringTable(capacity, keyBytes + (keyBytes >> 2))
    this.alive = new Uint8Array(capacity)
    this.counts = new Float64Array(capacity)
    this.lastSeens = new Float64Array(capacity)
  }

  get size(): number {
    return this.order.length
  }

  /** Bytes held in typed arrays (off the garbage-collected heap), for memory accounting. */
  get footprint(): number {
    return this.keyTable.footprint + this.alive.byteLength + this.counts.byteLength * 2
  }

  get(key: string): GroupHabit | undefined {
    const id = this.idOf(key)
    return id === -1 ? undefined : this.habit(id, key)
  }

  has(key: string): boolean {
    return this.idOf(key) !== -1
  }

  /** Adds or replaces the group `key`; its members are always the key split at newlines. */
  set(key: string, habit: Pick<GroupHabit, 'count' | 'lastSeen'>): this {
    this.place(this.keyTable.intern(key), habit.count, habit.lastSeen)
    return this
  }

  /** Adds a group whose key is the UTF-8 in `bytes[start, end)` (the miss path). */
  addBytes(bytes: Uint8Array, start: number, end: number, count: number, lastSeen: number): void {
    this.place(this.keyTable.internBytes(bytes, start, end), count, lastSeen)
  }

  delete(key: string): boolean {
    const id = this.idOf(key)
    if (id === -1) return false
    this.alive[id] = 0
    this.order.splice(this.order.indexOf(id), 1)

    // Keys stay in the arena after a delete; once most of it is dead, copy the live ones out.
    const dead = this.keyTable.size - this.order.length
    if (dead > 64 && dead > this.order.length) this.compact()
    return true
  }

  *entries(): MapIterator<[string, GroupHabit]> {
    for (const id of [...this.order]) {
      const key = this.keyTable.text(id)
      yield [key, this.habit(id, key)]
    }
  }

  *keys(): MapIterator<string> {
    for (const id of [...this.order]) yield this.keyTable.text(id)
  }

  *values(): MapIterator<GroupHabit> {
    for (const id of [...this.order]) yield this.habit(id, undefined)
  }

  private idOf(key: string): number {
    const id = this.keyTable.find(key)
    return id !== -1 && this.alive[id] === 1 ? id : -1
  }

  private habit(id: number, key: string | undefined): GroupHabit {
    return new StoredGroup(this.counts[id] ?? 0, this.lastSeens[id] ?? 0, this.keyTable, id, key)
  }

  private place(id: number, count: number, lastSeen: number): void {
    if (id >= this.counts.length) this.grow(Math.max(id + 1, this.counts.length * 2))
    if (this.alive[id] !== 1) {
      this.alive[id] = 1
      this.order.push(id)
    }
    this.counts[id] = count
    this.lastSeens[id] = lastSeen
  }

  private grow(capacity: number): void {
    const alive = new Uint8Array(capacity)
    alive.set(this.alive)
    this.alive = alive
    this.counts = grown(this.counts, capacity)
    this.lastSeens = grown(this.lastSeens, capacity)
  }

  private compact(): void {
    const old = {
      keys: this.keyTable,
      order: this.order,
      counts: this.counts,
      last: this.lastSeens,
    }
    this.keyTable = new StringTable(old.order.length)
    this.order = []
    this.alive = new Uint8Array(old.order.length)
    this.counts = new Float64Array(old.order.length)
    this.lastSeens = new Float64Array(old.order.length)
    for (const id of old.order) {
      const key = old.keys.internSliceInto(id, 0, old.keys.byteLength(id), this.keyTable)
      this.place(key, old.counts[id] ?? 0, old.last[id] ?? 0)
    }
  }
}

/**
 * One group as read. A class rather than an object literal with a getter: groups are listed on
 * every send to a group, and a literal's getter is a new closure and accessor each time.
 */
class StoredGroup implements GroupHabit {
  private split: readonly string[] | undefined

  constructor(
    readonly count: number,
    readonly lastSeen: number,
    /** The key table when read: a compaction replaces it, and would renumber the ids. */
    private readonly keyTable: StringTable,
    private readonly id: number,
    private readonly key: string | undefined,
  ) {}

  get members(): readonly string[] {
    this.split ??= (this.key ?? this.keyTable.text(this.id)).split('\n')
    return this.split
  }
}

function grown(values: Float64Array, capacity: number): Float64Array {
  const bigger = new Float64Array(capacity)
  bigger.set(values)
  return bigger
}

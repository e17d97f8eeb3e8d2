// A sender's recipients in compact form: addresses and names in two string arenas, counts and
// times in typed arrays. It reads like a Map of RecipientHabit, in insertion order, but holds a
// dozen objects whatever the number of recipients, where a Map held three per recipient (the
// habit and its two strings): a cached sender is then cheap to trace for the garbage collector,
// and reading one from disk copies almost nothing between the young and old generations.
import type { RecipientHabit, RecipientHabits } from './baseline-types.js'
import { StringTable } from './baseline-strings.js'
import { MapView } from './map-view.js'

/**
 * A Map of RecipientHabit by lower-cased address. Habits are made on each `get` and during
 * iteration, so two reads of one recipient give equal objects, not the same one.
 *
 * @example
 * const recipients = new RecipientTable()
 * recipients.set('bob@partner.example', { address: 'bob@partner.example', name: 'Bob', count: 1,
 *   firstSeen: 0, lastSeen: 0 })
 * recipients.get('bob@partner.example')?.count // 1
 */
export class RecipientTable extends MapView<RecipientHabit> implements RecipientHabits {
  private readonly addresses: StringTable
  private readonly names: StringTable
  private nameIds: Int32Array
  private counts: Float64Array
  private firstSeens: Float64Array
  private lastSeens: Float64Array

  /**
   * Sized for `expected` recipients of that many bytes, plus an eighth: a sender read from disk
   * usually learns a new recipient soon, and a table sized exactly would then double all its
   * arrays at once, for the collector to sweep.
   */
  constructor(expected = 4, addressBytes = 64, nameBytes = 64) {
    super()
    const capacity = withHeadroom(expected)
    this.addresses = new StringTable(capacity, withHeadroom(addressBytes))
    this.names = new StringTable(capacity, withHeadroom(nameBytes))
    this.nameIds = new Int32Array(capacity)
    this.counts = new Float64Array(capacity)
    this.firstSeens = new Float64Array(capacity)
    this.lastSeens = new Float64Array(capacity)
  }

  get size(): number {
    return this.addresses.size
  }

  /** Bytes held in typed arrays (off the garbage-collected heap), for memory accounting. */
  get footprint(): number {
    return (
      this.addresses.footprint +
      this.names.footprint +
      this.nameIds.byteLength +
      this.counts.byteLength * 3
    )
  }

  get(address: string): RecipientHabit | undefined {
    const id = this.addresses.find(address)
    return id === -1 ? undefined : this.habit(id, address)
  }

  has(address: string): boolean {
    return this.addresses.find(address) !== -1
  }

  /** Adds or replaces the habit of `address` (its own address field is not read); a known
   * address keeps its place in the order. */
  set(address: string, habit: RecipientHabit): this {
    const id = this.addresses.intern(address)
    this.store(id, this.names.intern(habit.name), habit.count, habit.firstSeen, habit.lastSeen)
    return this
  }

  /**
   * Adds a recipient from UTF-8 bytes (the miss path reads every address and name of a sender
   * as one string and slices it here, without a JavaScript string per value). Returns the id,
   * which is the recipient's position in the order.
   */
  addBytes(
    bytes: Uint8Array,
    address: { start: number; end: number },
    name: { start: number; end: number },
    habit: { count: number; firstSeen: number; lastSeen: number },
  ): number {
    const id = this.addresses.internBytes(bytes, address.start, address.end)
    const nameId = this.names.internBytes(bytes, name.start, name.end)
    this.store(id, nameId, habit.count, habit.firstSeen, habit.lastSeen)
    return id
  }

  atLeast(count: number): RecipientHabit[] {
    const habits: RecipientHabit[] = []
    for (let id = 0; id < this.size; id++) {
      if ((this.counts[id] ?? 0) >= count) habits.push(this.habit(id, this.addresses.text(id)))
    }
    return habits
  }

  *entries(): MapIterator<[string, RecipientHabit]> {
    for (let id = 0; id < this.size; id++) {
      const address = this.addresses.text(id)
      yield [address, this.habit(id, address)]
    }
  }

  *keys(): MapIterator<string> {
    for (let id = 0; id < this.size; id++) yield this.addresses.text(id)
  }

  *values(): MapIterator<RecipientHabit> {
    for (let id = 0; id < this.size; id++) yield this.habit(id, this.addresses.text(id))
  }

  private habit(id: number, address: string): RecipientHabit {
    return {
      address,
      name: this.names.text(this.nameIds[id] ?? 0),
      count: this.counts[id] ?? 0,
      firstSeen: this.firstSeens[id] ?? 0,
      lastSeen: this.lastSeens[id] ?? 0,
    }
  }

  private store(id: number, nameId: number, count: number, first: number, last: number): void {
    if (id >= this.counts.length) this.grow(Math.max(id + 1, this.counts.length * 2))
    this.nameIds[id] = nameId
    this.counts[id] = count
    this.firstSeens[id] = first
    this.lastSeens[id] = last
  }

  private grow(capacity: number): void {
    const nameIds = new Int32Array(capacity)
    nameIds.set(this.nameIds)
    this.nameIds = nameIds
    this.counts = grown(this.counts, capacity)
    this.firstSeens = grown(this.firstSeens, capacity)
    this.lastSeens = grown(this.lastSeens, capacity)
  }
}

function withHeadroom(size: number): number {
  return Math.max(4, size + (size >> 3))
}

function grown(values: Float64Array, capacity: number): Float64Array {
  const bigger = new Float64Array(capacity)
  bigger.set(values)
  return bigger
}

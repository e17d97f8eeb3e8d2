// Interned strings in one UTF-8 byte arena, found again through an open-addressing hash table:
// the compact form of a cached sender's addresses, names, domains and group keys (see
// recipient-table.ts, count-table.ts and group-table.ts). A sender holds a handful of typed
// arrays instead of a heap string per value, so the garbage collector has almost nothing to copy
// when a sender is read from disk, and almost nothing to trace once it is evicted.

/** Slots hold `id + 1`; 0 is an empty slot. */
const EMPTY = 0

const encoder = new TextEncoder()

/** UTF-8 of the last string encoded, valid until the next call. */
let scratch = new Uint8Array(256)

/** Encodes `text` into `scratch` and returns its length in bytes. */
function encodeToScratch(text: string): number {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3)

  let written = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x80) return encoder.encodeInto(text, scratch).written
    scratch[written++] = unit
  }
  return written
}

/** FNV-1a over a byte range. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), 0x01000193)
  return hash >>> 0
}

/**
 * Strings by id (0, 1, 2, … in the order first interned) and ids by string. Strings are never
 * removed: a table lives as long as its sender stays cached, and is rebuilt when read again.
 *
 * @example
 * const domains = new StringTable()
 * domains.intern('partner.example') // 0
 * domains.find('partner.example') // 0
 * domains.text(0) // 'partner.example'
 */
export class StringTable {
  private arena: Buffer
  private used = 0
  /** ends[id] is where string `id` ends in the arena; it starts where `id - 1` ends. */
  private ends: Uint32Array
  private count = 0
  private slots: Int32Array

  constructor(expectedStrings = 4, expectedBytes = 64) {
    this.arena = Buffer.alloc(Math.max(16, expectedBytes))
    this.ends = new Uint32Array(Math.max(4, expectedStrings))
    this.slots = new Int32Array(slotsFor(Math.max(4, expectedStrings)))
  }

  get size(): number {
    return this.count
  }

  /** Bytes held by the table's arrays, for memory accounting. */
  get footprint(): number {
    return this.arena.byteLength + this.ends.byteLength + this.slots.byteLength
  }

  /** The id of `text`, or -1. */
  find(text: string): number {
    const length = encodeToScratch(text)
    return this.findBytes(scratch, 0, length)
  }

  /** The id of the UTF-8 string in `bytes[start, end)`, or -1. */
  findBytes(bytes: Uint8Array, start: number, end: number): number {
    const mask = this.slots.length - 1
    for (let slot = hashBytes(bytes, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? EMPTY
      if (entry === EMPTY) return -1
      if (this.equals(entry - 1, bytes, start, end)) return entry - 1
    }
  }

  /** The id of `text`, added when new. */
  intern(text: string): number {
    const length = encodeToScratch(text)
    return this.internBytes(scratch, 0, length)
  }

  /** The id of the UTF-8 string in `bytes[start, end)`, added when new. */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    const known = this.findBytes(bytes, start, end)
    if (known !== -1) return known

    const id = this.count
    this.reserve(end - start)
    // A loop, not arena.set(bytes.subarray(…)): strings are tens of bytes, and a subarray is an
    // object to allocate for each one.
    const arena = this.arena
    for (let i = start, to = this.used; i < end; i++, to++) arena[to] = bytes[i] ?? 0
    this.used += end - start
    this.ends[id] = this.used
    this.count += 1
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    else this.place(id)
    return id
  }

  text(id: number): string {
    return this.arena.toString('utf8', this.startOf(id), this.ends[id])
  }

  byteLength(id: number): number {
    return (this.ends[id] ?? 0) - this.startOf(id)
  }

  /** Copies the UTF-8 of string `id` into `target` at `offset`; returns the bytes copied. */
  copyTo(id: number, target: Uint8Array, offset: number): number {
    return this.arena.copy(target, offset, this.startOf(id), this.ends[id])
  }

  /** Position of the last `byte` in string `id`, relative to its start, or -1. */
  lastIndexOfByte(id: number, byte: number): number {
    const start = this.startOf(id)
    for (let i = (this.ends[id] ?? 0) - 1; i >= start; i--) {
      if (this.arena[i] === byte) return i - start
    }
    return -1
  }

  /** Interns part of string `id` (bytes `[from, to)` relative to its start) into `other`. */
  internSliceInto(id: number, from: number, to: number, other: StringTable): number {
    const start = this.startOf(id)
    return other.internBytes(this.arena, start + from, start + to)
  }

  private startOf(id: number): number {
    return id === 0 ? 0 : (this.ends[id - 1] ?? 0)
  }

  private equals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.startOf(id)
    if ((this.ends[id] ?? 0) - from !== end - start) return false
    for (let i = 0; i < end - start; i++)
      if (this.arena[from + i] !== bytes[start + i]) return false
    return true
  }

  private reserve(bytes: number): void {
    if (this.used + bytes > this.arena.length) {
      const arena = Buffer.alloc(Math.max(this.arena.length * 2, this.used + bytes))
      this.arena.copy(arena, 0, 0, this.used)
      this.arena = arena
    }
    if (this.count === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2)
      ends.set(this.ends)
      this.ends = ends
    }
  }

  private place(id: number): void {
    const mask = this.slots.length - 1
    let slot = hashBytes(this.arena, this.startOf(id), this.ends[id] ?? 0) & mask
    while ((this.slots[slot] ?? EMPTY) !== EMPTY) slot = (slot + 1) & mask
    this.slots[slot] = id + 1
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size)
    for (let id = 0; id < this.count; id++) this.place(id)
  }
}

/** A power of two with room for `strings` at a load factor of at most one half. */
function slotsFor(strings: number): number {
  let size = 8
  while (size < strings * 2) size *= 2
  return size
}

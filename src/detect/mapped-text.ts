// A text derived from an original one, with every code unit traced back to the original range
// it came from, so that findings in normalised text report offsets into the sender's text.
import { append } from './append.js'

export interface MappedText {
  readonly text: string
  /** Where each code unit of `text` came from; absent: the text is its own original. */
  readonly origin?: OffsetMap | undefined
  /**
   * True when some characters map out of order (a line repeated in bidi display order): a
   * range's original extent is then the smallest start and largest end inside it.
   */
  readonly isReordered?: boolean | undefined
}

/**
 * The original range of each code unit of a derived text. Only the few offsets findings need
 * are ever looked up, so the map is kept as the pieces the text was built from, not as one
 * entry per code unit: building and composing it costs per piece, not per character. An
 * offset outside the text maps to 0 (as a missing entry of a per-character table would).
 */
export interface OffsetMap {
  startOf(i: number): number
  endOf(i: number): number
}

/** A mapped text that is its own original (no map: most mail is plain ASCII). */
export function identityText(text: string): MappedText {
  return { text }
}

function startOf(mapped: MappedText, i: number): number {
  return mapped.origin === undefined ? i : mapped.origin.startOf(i)
}

function endOf(mapped: MappedText, i: number): number {
  return mapped.origin === undefined ? i + 1 : mapped.origin.endOf(i)
}

// Marks a piece whose characters map one to one onto a stretch of the original (a slice).
const SLICE = -1

/**
 * The map a MappedTextBuilder builds: one entry per piece, in output order. A piece is a
 * slice (its k-th character comes from `from + k`) or a replacement (all of its characters
 * stand for `[from, to)`).
 */
class PieceMap implements OffsetMap {
  constructor(
    private readonly outStarts: Int32Array,
    private readonly froms: Int32Array,
    private readonly tos: Int32Array,
    private readonly length: number,
  ) {}

  startOf(i: number): number {
    const piece = this.pieceAt(i)
    if (piece === -1) return 0

    const from = this.froms[piece] ?? 0
    return this.tos[piece] === SLICE ? from + i - (this.outStarts[piece] ?? 0) : from
  }

  endOf(i: number): number {
    const piece = this.pieceAt(i)
    if (piece === -1) return 0

    const to = this.tos[piece] ?? 0
    if (to !== SLICE) return to
    return (this.froms[piece] ?? 0) + i - (this.outStarts[piece] ?? 0) + 1
  }

  // The last piece starting at or before i: binary search, pieces are in output order.
  private pieceAt(i: number): number {
    if (i < 0 || i >= this.length) return -1

    let lo = 0
    let hi = this.outStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.outStarts[mid] ?? 0) <= i) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/** Appends pieces of output text, each tagged with the original range it stands for. */
export class MappedTextBuilder {
  private readonly parts: string[] = []
  private outStarts: Int32Array = new Int32Array(16)
  private froms: Int32Array = new Int32Array(16)
  private tos: Int32Array = new Int32Array(16)
  private pieces = 0
  private length = 0

  append(piece: string, start: number, end: number): void {
    if (piece.length === 0) return

    this.addPiece(start, end)
    append(this.parts, piece)
    this.length += piece.length
  }

  /** Appends `source.slice(from, to)`, each character mapping to its own position. */
  appendSlice(source: string, from: number, to: number): void {
    if (to <= from) return

    // A slice right after the slice it continues (plain text between two replacements that
    // were not made) extends that piece.
    const last = this.pieces - 1
    const continues =
      last >= 0 &&
      this.tos[last] === SLICE &&
      (this.froms[last] ?? 0) + this.length - (this.outStarts[last] ?? 0) === from
    if (!continues) this.addPiece(from, SLICE)

    append(this.parts, source.slice(from, to))
    this.length += to - from
  }

  /** Characters appended so far. */
  size(): number {
    return this.length
  }

  build(): MappedText {
    const n = this.pieces
    const origin = new PieceMap(
      this.outStarts.slice(0, n),
      this.froms.slice(0, n),
      this.tos.slice(0, n),
      this.length,
    )
    return { text: this.parts.join(''), origin }
  }

  private addPiece(from: number, to: number): void {
    if (this.pieces === this.outStarts.length) {
      this.outStarts = grown(this.outStarts)
      this.froms = grown(this.froms)
      this.tos = grown(this.tos)
    }

    this.outStarts[this.pieces] = this.length
    this.froms[this.pieces] = from
    this.tos[this.pieces] = to
    this.pieces++
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2)
  bigger.set(array)
  return bigger
}

/** `outer` over `inner`: each offset is looked up in outer's map, then in inner's. */
class ComposedMap implements OffsetMap {
  constructor(
    private readonly inner: OffsetMap,
    private readonly outer: OffsetMap,
    private readonly length: number,
  ) {}

  startOf(i: number): number {
    if (i < 0 || i >= this.length) return 0
    return this.inner.startOf(this.outer.startOf(i))
  }

  endOf(i: number): number {
    if (i < 0 || i >= this.length) return 0
    return this.inner.endOf(this.outer.endOf(i) - 1)
  }
}

/** Maps `outer` (derived from `inner.text`) straight back to `inner`'s original. */
export function composeMapped(inner: MappedText, outer: MappedText): MappedText {
  if (inner.origin === undefined) return outer
  if (outer.origin === undefined) return { ...inner, text: outer.text }

  const origin = new ComposedMap(inner.origin, outer.origin, outer.text.length)
  const isReordered = inner.isReordered === true || outer.isReordered === true
  return isReordered ? { text: outer.text, origin, isReordered } : { text: outer.text, origin }
}

/** The original range of `[start, end)` in mapped text. */
export function originalRange(mapped: MappedText, start: number, end: number): [number, number] {
  if (mapped.isReordered === true) return reorderedRange(mapped, start, end)

  const from = startOf(mapped, start)
  const to = endOf(mapped, end - 1)

  return [from, Math.max(from, to)]
}

// Out-of-order mappings: every character of the range is looked at (findings are short, and
// only texts with reordered lines take this path).
function reorderedRange(mapped: MappedText, start: number, end: number): [number, number] {
  let from = startOf(mapped, start)
  let to = endOf(mapped, end - 1)

  for (let i = start; i < end; i++) {
    from = Math.min(from, startOf(mapped, i))
    to = Math.max(to, endOf(mapped, i))
  }

  return [from, Math.max(from, to)]
}

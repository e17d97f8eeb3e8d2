// A text derived from an original one, with every code unit traced back to the original range
// it came from, so that findings in normalised text report offsets into the sender's text.

export interface MappedText {
  readonly text: string
  /** starts[i]: offset in the original of the character that produced text[i]; absent = same. */
  readonly starts?: Int32Array | undefined
  /** ends[i]: end offset in the original of the character that produced text[i]. */
  readonly ends?: Int32Array | undefined
  /**
   * True when some characters map out of order (a line repeated in bidi display order): a
   * range's original extent is then the smallest start and largest end inside it.
   */
  readonly isReordered?: boolean | undefined
}

/** A mapped text that is its own original (no arrays: most mail is plain ASCII). */
export function identityText(text: string): MappedText {
  return { text }
}

function startOf(mapped: MappedText, i: number): number {
  return mapped.starts === undefined ? i : (mapped.starts[i] ?? 0)
}

function endOf(mapped: MappedText, i: number): number {
  return mapped.ends === undefined ? i + 1 : (mapped.ends[i] ?? 0)
}

/** Appends pieces of output text, each tagged with the original range it stands for. */
export class MappedTextBuilder {
  private readonly parts: string[] = []
  private starts: Int32Array
  private ends: Int32Array
  private length = 0

  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity))
    this.ends = new Int32Array(Math.max(16, capacity))
  }

  append(piece: string, start: number, end: number): void {
    this.reserve(piece.length)

    for (let i = 0; i < piece.length; i++) {
      this.starts[this.length + i] = start
      this.ends[this.length + i] = end
    }

    this.parts.push(piece)
    this.length += piece.length
  }

  /** Appends `source.slice(from, to)`, each character mapping to its own position. */
  appendSlice(source: string, from: number, to: number): void {
    if (to <= from) return

    this.reserve(to - from)

    for (let j = from; j < to; j++) {
      this.starts[this.length + j - from] = j
      this.ends[this.length + j - from] = j + 1
    }

    this.parts.push(source.slice(from, to))
    this.length += to - from
  }

  /** Characters appended so far. */
  size(): number {
    return this.length
  }

  build(): MappedText {
    return {
      text: this.parts.join(''),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
    }
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.starts.length) return

    const size = Math.max(this.starts.length * 2, this.length + extra)
    const starts = new Int32Array(size)
    const ends = new Int32Array(size)
    starts.set(this.starts)
    ends.set(this.ends)
    this.starts = starts
    this.ends = ends
  }
}

/** Maps `outer` (derived from `inner.text`) straight back to `inner`'s original. */
export function composeMapped(inner: MappedText, outer: MappedText): MappedText {
  const innerStarts = inner.starts
  const innerEnds = inner.ends
  if (innerStarts === undefined || innerEnds === undefined) return outer

  const outerStarts = outer.starts
  const outerEnds = outer.ends
  if (outerStarts === undefined || outerEnds === undefined) return { ...inner, text: outer.text }
  const isReordered = inner.isReordered === true || outer.isReordered === true

  // One pass over typed arrays: this runs on every HTML part with a non-ASCII character.
  const length = outer.text.length
  const starts = new Int32Array(length)
  const ends = new Int32Array(length)

  for (let i = 0; i < length; i++) {
    starts[i] = innerStarts[outerStarts[i] ?? 0] ?? 0
    ends[i] = innerEnds[(outerEnds[i] ?? 1) - 1] ?? 0
  }

  return isReordered
    ? { text: outer.text, starts, ends, isReordered }
    : { text: outer.text, starts, ends }
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

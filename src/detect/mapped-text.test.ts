import { describe, expect, it } from 'vitest'

import { composeMapped, MappedTextBuilder, originalRange, type MappedText } from './mapped-text.js'

// The plain model the piece maps must agree with: one original range per code unit.
interface Table {
  readonly text: string
  readonly starts: number[]
  readonly ends: number[]
}

function lookup(values: readonly number[], i: number): number {
  return values[i] ?? 0
}

/** A random derivation of `source`: slices, replacements and dropped characters. */
function derive(source: string, random: () => number): { mapped: MappedText; table: Table } {
  const out = new MappedTextBuilder()
  const table: Table = { text: '', starts: [], ends: [] }
  let text = ''
  let i = 0

  while (i < source.length) {
    const choice = random()
    const width = 1 + Math.floor(random() * 4)
    const to = Math.min(source.length, i + width)

    if (choice < 0.6) {
      out.appendSlice(source, i, to)
      text += source.slice(i, to)
      for (let j = i; j < to; j++) {
        table.starts.push(j)
        table.ends.push(j + 1)
      }
    } else if (choice < 0.9) {
      const piece = 'xy'.slice(0, 1 + Math.floor(random() * 2))
      out.append(piece, i, to)
      text += piece
      for (let k = 0; k < piece.length; k++) {
        table.starts.push(i)
        table.ends.push(to)
      }
    }
    i = to
  }

  return { mapped: out.build(), table: { ...table, text } }
}

function compose(inner: Table, outer: Table): Table {
  return {
    text: outer.text,
    starts: outer.starts.map((s) => lookup(inner.starts, s)),
    ends: outer.ends.map((e) => lookup(inner.ends, e - 1)),
  }
}

function rangeOf(table: Table, start: number, end: number): [number, number] {
  const from = lookup(table.starts, start)
  return [from, Math.max(from, lookup(table.ends, end - 1))]
}

describe('mapped text', () => {
  it('maps every range as a table of one entry per character would', () => {
    let seed = 11
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }

    for (let round = 0; round < 50; round++) {
      const source = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2)
      const inner = derive(source, random)
      const outer = derive(inner.mapped.text, random)
      const mapped = composeMapped(inner.mapped, outer.mapped)
      const table = compose(inner.table, outer.table)

      expect(mapped.text).toBe(table.text)
      for (let start = 0; start < table.text.length; start++) {
        for (let end = start + 1; end <= table.text.length + 1; end++) {
          expect(originalRange(mapped, start, end)).toEqual(rangeOf(table, start, end))
        }
        expect(originalRange(inner.mapped, start, start + 1)).toEqual(
          rangeOf(inner.table, start, start + 1),
        )
      }
    }
  })

  it('joins a slice that continues the previous one', () => {
    const out = new MappedTextBuilder()
    out.appendSlice('hello world', 0, 5)
    out.appendSlice('hello world', 5, 11)
    out.append('!', 11, 11)
    const mapped = out.build()

    expect(mapped.text).toBe('hello world!')
    expect(originalRange(mapped, 3, 8)).toEqual([3, 8])
    expect(originalRange(mapped, 11, 12)).toEqual([11, 11])
  })
})

import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { hasBareLineEnding, receiveData } from './receive-data.js'
import { ByteBudget } from './byte-budget.js'

const stream = (...chunks: string[]): Readable =>
  Readable.from(chunks.map((chunk) => Buffer.from(chunk)))

describe('receiveData', () => {
  it('returns the message when every line ends in CRLF', async () => {
    const result = await receiveData(stream('Subject: a\r\n', '\r\nbody\r\n'), 1000)
    expect(result).toEqual({ kind: 'ok', raw: Buffer.from('Subject: a\r\n\r\nbody\r\n') })
  })

  it.each([
    ['a bare LF', ['a\r\nb\nc\r\n']],
    ['a bare CR', ['a\rb\r\n']],
    ['a bare LF at the start of a chunk after CR-less text', ['a', '\nb\r\n']],
    ['a CR at a chunk end followed by text', ['a\r', 'b\r\n']],
    ['a CR as the very last byte', ['a\r\nb\r']],
  ])('flags %s', async (_label, chunks) => {
    expect((await receiveData(stream(...chunks), 1000)).kind).toBe('bare-line-ending')
  })

  it.each([
    [
      'a NUL before a dot (a smuggled end of data for a hop that strips NUL)',
      ['a\r\n\0.\r\nb\r\n'],
    ],
    ['a NUL in the last chunk', ['Subject: a\r\n\r\n', 'b\0c\r\n']],
  ])('refuses %s', async (_label, chunks) => {
    expect((await receiveData(stream(...chunks), 1000)).kind).toBe('nul-byte')
  })

  it('accepts a CRLF split across two chunks', async () => {
    expect((await receiveData(stream('a\r', '\nb\r\n'), 1000)).kind).toBe('ok')
  })

  it('reports too-big past the limit and keeps reading to the end', async () => {
    const result = await receiveData(stream('x'.repeat(600), 'y'.repeat(600), 'z\r\n'), 1000)
    expect(result).toEqual({ kind: 'too-big', bytes: 1203 })
  })
})

describe('hasBareLineEnding', () => {
  it('checks an LF at the start of a chunk against the previous byte', () => {
    expect(hasBareLineEnding(Buffer.from('\nabc'), 0x0d)).toBe(false)
    expect(hasBareLineEnding(Buffer.from('\nabc'), 0x61)).toBe(true)
  })
})

describe('receiveData with a byte budget', () => {
  it('keeps a message that fits taken until the caller gives it back', async () => {
    const budget = new ByteBudget(400)
    const result = await receiveData(stream('Subject: a\r\n', '\r\nbody\r\n'), 1000, budget, 'a')
    expect(result.kind).toBe('ok')
    expect(budget.inUse).toBe(20)
    expect(budget.heldBy('a')).toBe(20)
  })

  it('refuses the message that does not fit beside the others, and takes nothing for it', async () => {
    const budget = new ByteBudget(400)
    for (const source of ['b', 'c', 'd']) expect(budget.take(100, source)).toBe(true)
    expect(budget.take(70, 'e')).toBe(true) // 370 of 400 held by messages being decided
    const result = await receiveData(
      stream('a'.repeat(20), 'b'.repeat(20), '\r\n'),
      1000,
      budget,
      'a',
    )
    expect(result).toEqual({ kind: 'over-budget', bytes: 42 })
    expect(budget.inUse).toBe(370)
    budget.give(70, 'e')
    expect((await receiveData(stream('a'.repeat(40), '\r\n'), 1000, budget, 'a')).kind).toBe('ok')
  })

  it('lets one client address hold a quarter of the budget, and others the rest', async () => {
    const budget = new ByteBudget(400)
    expect((await receiveData(stream('a'.repeat(90), '\r\n'), 1000, budget, 'slow')).kind).toBe(
      'ok',
    )
    const more = await receiveData(stream('a'.repeat(20), '\r\n'), 1000, budget, 'slow')
    expect(more).toEqual({ kind: 'over-budget', bytes: 22 })
    expect((await receiveData(stream('a'.repeat(90), '\r\n'), 1000, budget, 'other')).kind).toBe(
      'ok',
    )
    expect(budget.heldBy('slow')).toBe(92)
  })

  it('gives back what it took when the message is refused or the client goes away', async () => {
    const budget = new ByteBudget(4000)
    expect((await receiveData(stream('a\nb\r\n'), 1000, budget)).kind).toBe('bare-line-ending')
    expect((await receiveData(stream('a'.repeat(60)), 50, budget)).kind).toBe('too-big')
    expect(budget.inUse).toBe(0)

    const broken = new Readable({ read() {} })
    broken.push(Buffer.from('Subject: a\r\n'))
    const receiving = receiveData(broken, 1000, budget)
    await new Promise((resolve) => setImmediate(resolve))
    expect(budget.inUse).toBe(12)
    broken.destroy(new Error('connection reset'))
    await expect(receiving).rejects.toThrow('connection reset')
    expect(budget.inUse).toBe(0)
  })
})

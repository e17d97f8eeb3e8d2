import { describe, expect, it } from 'vitest'

import { randomTexts } from '../detect/random-text-for-test.js'
import {
  decodeAscii85,
  decodeAsciiHex,
  lzwDecode,
  lzwDecodedSize,
  runLengthDecode,
} from './pdf-filters.js'
import { lzwEncode } from './lzw-for-test.js'

describe('PDF filters', () => {
  it('takes ASCIIHex armour off, white space and an odd last digit included', () => {
    expect(decodeAsciiHex(Buffer.from('48 65\n6C6c 6F2>'), true)?.toString('latin1')).toBe('Hello ')
    // Known by its bytes only when it is nothing but armour; read leniently when named.
    expect(decodeAsciiHex(Buffer.from('48 65 BT>'), true)).toBeUndefined()
    expect(decodeAsciiHex(Buffer.from('4865'), true)).toBeUndefined()
    expect(decodeAsciiHex(Buffer.from('48 65 xx 6'))?.toString('latin1')).toBe('He`')
  })

  it('takes ASCII85 armour off, z groups and a short last group included', () => {
    const text = Buffer.from('Man is distinguished\0\0\0\0 by his reason.')
    // Adobe's encoding of the same bytes, written by hand: 'z' stands for the four zeros.
    // As Python's base64.a85encode writes it (a separate implementation), with PDF's end mark.
    const armour = Buffer.from('9jqo^BlbD-BleB1DJ+*+F(f,q z+C]U=BPDN1\nEb/[#Df.0~>')
    expect(decodeAscii85(armour, true)).toEqual(text)
    expect(decodeAscii85(Buffer.from('9jqo^ {BT} ~>'), true)).toBeUndefined()
    expect(decodeAscii85(Buffer.from('9jqo^'), true)).toBeUndefined()
    expect(decodeAscii85(Buffer.from('9jqo^'))?.toString('latin1')).toBe('Man ')
  })

  it('counts what LZW data decodes to, across every code width', () => {
    for (const seed of [1, 2, 3]) {
      // Long enough for the table to pass 512, 1024 and 2048 entries and be cleared.
      const [random = ''] = randomTexts('abcdefgh 0123', seed, 1, 60_000)
      const text = Buffer.from(random, 'latin1')
      const encoded = lzwEncode(text)
      expect(lzwDecodedSize(encoded, Number.POSITIVE_INFINITY)).toBe(text.length)
      expect(lzwDecode(encoded, text.length, 1).bytes).toEqual(text)
    }
    const zeros = Buffer.alloc(1024 * 1024)
    const bomb = lzwEncode(zeros)
    expect(bomb.length).toBeLessThan(zeros.length / 300)
    expect(lzwDecodedSize(bomb, Number.POSITIVE_INFINITY)).toBe(zeros.length)
    expect(lzwDecodedSize(bomb, 1024)).toBeGreaterThan(1024)
    expect(lzwDecode(bomb, 1024, 1).bytes.length).toBe(1025)
  })

  it('counts what run-length data decodes to', () => {
    // Three literal bytes, 128 copies of 0x41, then the end mark and bytes after it.
    const data = Buffer.from([2, 0x61, 0x62, 0x63, 129, 0x41, 128, 5, 5])
    expect(runLengthDecode(data, 1024)).toEqual(Buffer.from(`abc${'A'.repeat(128)}`))
    expect(runLengthDecode(data, 10).length).toBe(11)
  })
})

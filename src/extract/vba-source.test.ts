import { describe, expect, it } from 'vitest'

import { corpusBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { decompress, vbaSources } from './vba-source.js'

const MIB = 1024 * 1024

/** One compressed chunk: the literal "a", then a copy token of offset 1 filling the chunk. */
const FULL_CHUNK = Buffer.from([0x03, 0xb0, 0x02, 0x61, 0xff, 0x0f])
const container = (chunks: number) =>
  Buffer.concat([Buffer.from([0x01]), ...Array<Buffer>(chunks).fill(FULL_CHUNK)])

describe('VBA macro source', () => {
  it('decompresses MS-OVBA chunks, copy tokens overlapping their own output', () => {
    expect(decompress(container(2), MIB)).toEqual(Buffer.alloc(2 * 4096, 'a'))
  })

  it('stops at its budget: six bytes a chunk expand to 4,096', () => {
    const bomb = container(1000)

    expect(() => decompress(bomb, MIB)).toThrow()
    expect(vbaSources((name) => (name === 'dir' ? bomb : undefined), MIB)).toMatchObject({
      ok: false,
      reason: 'budget',
    })
  })

  // Files written by Excel and PowerPoint (the shared corpus), not by us.
  it.each([
    ['xlsxwriter__macro01.xlsm', 'ActiveCell.FormulaR1C1 = "123"'],
    ['pypptx__act-props.pptm', 'Sub Dummy_Macro()'],
    ['calamine__issues.xls', 'Attribute VB_Name = "ThisWorkbook"'],
  ])('reads the macros of %s', async (name, line) => {
    const result = await extractText(
      messageOf({ content: await corpusBytes(name), filename: name }),
      defaultExtractLimits,
    )

    expect(result.findings).toEqual([])
    expect(allText(result)).toContain(line)
  })
})

/** An MS-OVBA container of literal tokens only (a flag byte of 0 before every eight bytes). */
function literalContainer(bytes: Buffer): Buffer {
  const body: number[] = []
  for (let at = 0; at < bytes.length; at += 8) body.push(0, ...bytes.subarray(at, at + 8))
  const header = 0xb000 | (body.length + 2 - 3)
  return Buffer.from([0x01, header & 0xff, header >> 8, ...body])
}

/** dir records (MS-OVBA §2.3.4.2): a 2-byte id, a 4-byte size, the data. */
function record(id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(6)
  head.writeUInt16LE(id, 0)
  head.writeUInt32LE(data.length, 2)
  return Buffer.concat([head, data])
}

// Regressions from an attack run on the macro reader.
describe('hostile VBA projects', () => {
  const offset = (n: number) => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    return b
  }
  const moduleDir = (byteName: string, unicodeName: string, at: number) =>
    literalContainer(
      Buffer.concat([
        record(0x0019, Buffer.from('Module1')),
        record(0x001a, Buffer.from(byteName, 'latin1')),
        record(0x0032, Buffer.from(unicodeName, 'utf16le')),
        record(0x0031, offset(at)),
        record(0x002b, Buffer.alloc(0)),
      ]),
    )
  const source = literalContainer(
    Buffer.from('Sub A()\r\n  x = "4111 1111 1111 1111"\r\nEnd Sub\r\n'),
  )

  it('finds a module by its Unicode stream name, not a decoy or code-page one', () => {
    const streams = new Map([['Модуль1', source]])
    const dir = moduleDir('Nope', 'Модуль1', 0)
    const result = vbaSources((name) => (name === 'dir' ? dir : streams.get(name)), MIB)

    expect(result).toMatchObject({ ok: true, missing: 0 })
    expect(result.ok && result.modules[0]?.source).toContain('4111 1111 1111 1111')
  })

  it('counts a module whose source is not where the project says', () => {
    const dir = moduleDir('Module1', 'Module1', 0x7fffffff)
    const result = vbaSources((name) => (name === 'dir' ? dir : source), MIB)

    expect(result).toMatchObject({ ok: true, missing: 1 })
  })

  it('keeps nothing for chunks that decompress to nothing', () => {
    const empty = Buffer.concat([
      Buffer.from([0x01]),
      ...Array<Buffer>(100_000).fill(Buffer.from([0x00, 0xb0, 0x00])),
    ])

    expect(decompress(empty, MIB)).toEqual(Buffer.alloc(0))
  })
})

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

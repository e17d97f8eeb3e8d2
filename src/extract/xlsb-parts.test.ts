import { describe, expect, it } from 'vitest'

import { corpusBytes, fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { recordsOfXlsb } from './xlsb-parts.js'

describe('XLSB workbooks', () => {
  it('reads every sheet of a workbook saved by Excel, hidden and very hidden included', async () => {
    const content = await corpusBytes('calamine__any_sheets.xlsb')

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    expect(allText(result)).toContain('This workbook contains 4 sheets')
    expect(allText(result)).toContain('VeryHidden')
    expect(result.findings).toEqual([])
    expect(result.parts[0]).toMatchObject({ method: 'ooxml', status: 'inspected' })
  })

  it('gives numbers of a very hidden sheet as their exact digits', async () => {
    const content = await fixtureBytes('hidden-digits.xlsb')

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    const hidden = result.texts.find((t) => t.partId === '1/xl/worksheets/sheet2.bin')?.text
    expect(hidden).toContain('6011111111111117')
    expect(hidden).toContain('5555 5555 5555 4444')
    expect(hidden).toContain('GB82 WEST 1234 5698 7654 32')
    expect(hidden).toContain('1234567')
    expect(allText(result)).toContain('card\t4111111111111111')
    expect(allText(result)).not.toMatch(/E\+1\d/)
  })
})

describe('recordsOfXlsb', () => {
  it('reads two-byte types and multi-byte sizes', () => {
    // Type 156 is 0x9C 0x01 in two 7-bit groups; size 130 is 0x82 0x01.
    const part = Buffer.concat([Buffer.from([0x9c, 0x01, 0x82, 0x01]), Buffer.alloc(130, 7)])

    const records = [...recordsOfXlsb(part)]

    expect(records.map((r) => [r.type, r.data.length])).toEqual([[156, 130]])
  })

  it('stops at a record that runs past the end of the part', () => {
    const part = Buffer.from([0x05, 0x02, 0x01, 0x02, 0x07, 0x40, 0x00])

    expect([...recordsOfXlsb(part)].map((r) => r.type)).toEqual([5])
  })
})

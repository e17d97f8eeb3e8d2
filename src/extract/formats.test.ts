// One real or generated file per format family: what each reader must get out of it.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

async function extractFixture(name: string, limits = defaultExtractLimits) {
  return extractText(messageOf({ content: await fixtureBytes(name), filename: name }), limits)
}

describe('legacy Office files', () => {
  it('reads every sheet of an XLS, the very hidden one included', async () => {
    const result = await extractFixture('calamine__any_sheets.xls')

    expect(allText(result)).toContain('VeryHidden')
    expect(allText(result)).toContain('This workbook contains 4 sheets')
    expect(result.parts[0]).toMatchObject({
      detectedType: 'application/vnd.ms-excel',
      method: 'xls',
    })
  })

  it('reads the piece table of a Word 97 document', async () => {
    const result = await extractFixture('zbateson__test.doc')

    expect(allText(result)).toContain('Biodiversité de semaine en semaine')
    expect(result.parts[0]?.method).toBe('doc')
  })
})

describe('Outlook files', () => {
  it('reads a .msg with an attached .msg, recursively', async () => {
    const result = await extractFixture('msgreader__test_msgInMsg.msg')

    expect(result.parts[0]?.method).toBe('msg')
    expect(result.texts.some((t) => t.partId.startsWith('1/'))).toBe(true)
    expect(allText(result)).toContain('I have attachments!')
  })

  it('reads the compressed RTF body of a TNEF stream', async () => {
    const result = await extractFixture('mimekit__tnef_rtf.tnef')

    expect(allText(result)).toContain('agka;kgag')
  })
})

describe('OpenDocument', () => {
  it('reads an ODS spreadsheet', async () => {
    const result = await extractFixture('calamine__any_sheets.ods')

    expect(allText(result)).toContain('This workbook contains 4 sheets')
    expect(result.parts[0]?.method).toBe('odf')
  })

  it('reports a password-protected ODS as ENCRYPTED_CONTENT, once', async () => {
    const result = await extractFixture('calamine__pass_protected.ods')

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['ENCRYPTED_CONTENT', 'odf: password protected'],
    ])
  })
})

describe('Purview labels in Office files', () => {
  it('reads LabelInfo.xml first, names it from custom.xml, and keeps custom-only labels', async () => {
    const result = await extractFixture('labelled.docx')

    expect(result.labels).toEqual([
      {
        partId: '1',
        id: '3de9faa6-9fe1-49b3-9a08-227a296b54a6',
        name: 'Confidential - Finance',
        siteId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        enabled: true,
        method: 'Privileged',
        source: 'docMetadata/LabelInfo.xml',
      },
      {
        partId: '1',
        id: 'b5d3f7a1-0c2e-4e8a-9f11-2c3d4e5f6a7b',
        name: 'General',
        siteId: undefined,
        enabled: true,
        method: undefined,
        source: 'docProps/custom.xml',
      },
    ])
  })
})

describe('archive limits', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('reads the first maxEntries entries and reports the rest', async () => {
    const limits = { ...defaultExtractLimits, maxEntries: 3 }

    const result = await extractFixture('five-entries.zip', limits)

    expect(result.texts.map((t) => t.partId)).toEqual([
      '1/note-0.txt',
      '1/note-1.txt',
      '1/note-2.txt',
    ])
    expect(result.findings.map((f) => f.reason)).toEqual(['limit: maxEntries 3 exceeded'])
  })

  it('stops between entries once the part time is spent', async () => {
    // Every clock read moves time 10 ms on: the budget of 25 ms runs out after two entries.
    let now = 1_000_000
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 10))
    const limits = { ...defaultExtractLimits, partTimeMs: 25 }

    const result = await extractFixture('five-entries.zip', limits)

    expect(result.findings.map((f) => f.reason)).toEqual(['limit: partTimeMs 25 exceeded'])
    expect(result.texts.length).toBeLessThan(5)
  })

  it('reports inflated bytes past maxInflatedBytes', async () => {
    const limits = { ...defaultExtractLimits, maxInflatedBytes: 16 }

    const result = await extractFixture('five-entries.zip', limits)

    expect(result.findings.map((f) => f.reason)).toContain('limit: maxInflatedBytes 16 exceeded')
    expect(allText(result)).toContain('note 0')
  })
})

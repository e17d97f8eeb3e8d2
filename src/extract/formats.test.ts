// One real or generated file per format family: what each reader must get out of it.
import CFB from 'cfb'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { corpusBytes, fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

async function extractFixture(name: string, limits = defaultExtractLimits) {
  return extractText(messageOf({ content: await fixtureBytes(name), filename: name }), limits)
}

async function extractCorpusFile(name: string, limits = defaultExtractLimits) {
  return extractText(messageOf({ content: await corpusBytes(name), filename: name }), limits)
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

// Regression: a member no relationship refers to (`word/secret.txt` added to a DOCX) was
// never read, since only XML parts, embedded objects and XLSB records were.
describe('Office package members', () => {
  it('reads a text member the package does not refer to', async () => {
    const result = await extractFixture('stray-member.docx')

    expect(result.texts).toContainEqual({
      partId: '1/word/secret.txt',
      origin: 'attachment',
      text: 'card 5555 5555 5555 4444\n',
    })
    expect(result.parts.map((p) => [p.partId, p.detectedType])).toContainEqual([
      '1/word/secret.txt',
      'text/plain',
    ])
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

describe('TNEF attribute ids', () => {
  // Regression: attributes whose type word is zero were not recognised, so the attachment of
  // tnefparse's minimal_attachment.tnef was never read.
  it('reads an attachment whose attribute ids carry no type word', async () => {
    const result = await extractCorpusFile('tnefparse__minimal_attachment.tnef')

    const inner = result.texts.find((t) => t.partId === '1/attachment-1')
    expect(inner?.text).toContain('this is a test')
    expect(result.findings).toEqual([])
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

  it('names the containing archive as the parent of each member, whatever its path', async () => {
    const result = await extractFixture('nested-paths.zip')

    expect(result.parts.map((p) => [p.partId, p.parent])).toEqual([
      ['1', undefined],
      ['1/a/b/c.txt', '1'],
      ['1/a/d.zip', '1'],
      ['1/a/d.zip/e/f.txt', '1/a/d.zip'],
    ])
  })

  it('reports inflated bytes past maxInflatedBytes', async () => {
    const limits = { ...defaultExtractLimits, maxInflatedBytes: 16 }

    const result = await extractFixture('five-entries.zip', limits)

    expect(result.findings.map((f) => f.reason)).toContain('limit: maxInflatedBytes 16 exceeded')
    expect(allText(result)).toContain('note 0')
  })
})

describe('XLS cell comments', () => {
  const record = (type: number, data: Buffer): Buffer => {
    const header = Buffer.alloc(4)
    header.writeUInt16LE(type, 0)
    header.writeUInt16LE(data.length, 2)
    return Buffer.concat([header, data])
  }

  it('reads the text of a comment (TXO and its CONTINUE records)', async () => {
    const bof = Buffer.alloc(16)
    bof.writeUInt16LE(0x0600, 0)
    const txo = Buffer.alloc(18)
    txo.writeUInt16LE(24, 10)
    // The text is split over two CONTINUE records: 8-bit first, then 16-bit.
    const first = Buffer.concat([Buffer.from([0]), Buffer.from('card 4111 1111 ', 'latin1')])
    const second = Buffer.concat([Buffer.from([1]), Buffer.from('1111 1111', 'utf16le')])
    const workbook = Buffer.concat([
      record(0x0809, bof),
      record(0x01b6, txo),
      record(0x003c, first),
      record(0x003c, second),
      record(0x000a, Buffer.alloc(0)),
    ])
    const cfb = CFB.utils.cfb_new()
    CFB.utils.cfb_add(cfb, 'Workbook', workbook)
    const content = Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array)

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    expect(allText(result)).toContain('card 4111 1111 1111 1111')
    expect(result.parts[0]?.method).toBe('xls')
  })
})

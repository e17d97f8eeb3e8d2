// One test per format family of issue 4, on real files: corpus attachments (origin and licence
// in shared/corpus/MANIFEST.tsv) or the fixtures described in test/fixtures/extract/README.md.
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { corpusBytes, fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

async function extractBytes(content: Buffer, filename?: string) {
  return extractText(messageOf({ content, filename }), defaultExtractLimits)
}

const fromCorpus = async (name: string) => extractBytes(await corpusBytes(name), name)
const fromFixture = async (name: string) => extractBytes(await fixtureBytes(name), name)

const textOfPart = (result: Awaited<ReturnType<typeof extractBytes>>, partId: string): string =>
  result.texts
    .filter((t) => t.partId === partId)
    .map((t) => t.text)
    .join('\n')

describe('PDF', () => {
  it('reads page text, annotation comments and highlights', async () => {
    const result = await fromCorpus('pypdfsamples__024-annotations_annotated_pdf.pdf')

    expect(allText(result)).toContain('This is a text annotation.')
    expect(allText(result)).toContain('Highlight comment')
    expect(allText(result)).toContain('created by Martin Thoma')
    expect(result.findings).toEqual([])
  })

  it('reads XMP metadata besides the page text', async () => {
    const result = await fromCorpus('pypdfsamples__020-xmp_output_with_metadata_pymupdf.pdf')

    expect(allText(result)).toContain('Hello, World!')
    expect(allText(result)).toContain('Sample PDF with XMP Metadata')
  })

  it('reads form field values', async () => {
    const result = await fromCorpus('pypdfsamples__010-pdflatex-forms_pdflatex-forms.pdf')

    expect(allText(result)).toContain('Name')
    expect(result.parts[0]).toMatchObject({ method: 'pdf', status: 'inspected' })
  })

  it('opens an embedded file as a member of its own', async () => {
    const result = await fromCorpus('pypdfsamples__025-attachment_with-attachment.pdf')

    expect(allText(result)).toContain('Lorem ipsum dolor sit amet')
    expect(result.parts.map((p) => [p.partId, p.parent, p.detectedType])).toContainEqual([
      '1/image.png',
      '1',
      'image/png',
    ])
  })

  it('reports a password-protected PDF as ENCRYPTED_CONTENT', async () => {
    const result = await fromCorpus(
      'pypdfsamples__005-libreoffice-writer-password_libreoffice-writer-password.pdf',
    )

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['ENCRYPTED_CONTENT', 'pdf: password protected'],
    ])
  })

  it('reports pages that are images only as having no text layer', async () => {
    const result = await fromCorpus('pypdfsamples__007-imagemagick-images_imagemagick-lzw.pdf')

    expect(result.findings.map((f) => f.reason)).toEqual(['pdf: no text layer'])
  })

  // Regression: pdf.js gave no text for this file, whose pages draw the word "Background"
  // and then an image over it; text a reader cannot see is still text that leaves.
  it('reads text drawn under an image', async () => {
    const result = await fromCorpus('pypdfsamples__007-imagemagick-images_imagemagick-images.pdf')

    expect(allText(result).match(/Background/g)).toHaveLength(4)
    expect(result.findings).toEqual([])
  })
})

describe('Word', () => {
  it.each([
    ['DOCM', 'macro.docm', 'application/vnd.ms-word.document.macroenabled.12'],
    [
      'DOTX',
      'template.dotx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  ])(
    'reads body, header, footer, comment, tracked changes and properties of a %s',
    async (_label, name, type) => {
      const result = await fromFixture(name)

      expect(textOfPart(result, '1/word/document.xml')).toContain('card 4111 1111 1111 1111')
      expect(textOfPart(result, '1/word/document.xml')).toContain('Inserted IBAN GB82')
      expect(textOfPart(result, '1/word/document.xml')).toContain(
        'Deleted card 5555 5555 5555 4444',
      )
      expect(textOfPart(result, '1/word/header1.xml')).toContain('DE89 3704 0044 0532 0130 00')
      expect(textOfPart(result, '1/word/footer1.xml')).toContain('3056 9309 0259 04')
      expect(textOfPart(result, '1/word/comments.xml')).toContain('3782 822463 10005')
      expect(textOfPart(result, '1/docProps/core.xml')).toContain('6011 1111 1111 1117')
      expect(result.parts[0]).toMatchObject({ detectedType: type, typeMismatch: undefined })
    },
  )

  it('reads footnotes of a DOCX written by Word', async () => {
    const result = await fromCorpus('mammoth__footnotes.docx')

    expect(textOfPart(result, '1/word/footnotes.xml')).toContain('A tachyon walks into a bar.')
  })
})

describe('spreadsheets', () => {
  it('reads cell comments of an XLSX', async () => {
    const result = await fromCorpus('xlsxwriter__comment01.xlsx')

    expect(textOfPart(result, '1/xl/comments1.xml')).toContain('Some text')
  })

  it('reads the sheets of a macro-enabled XLSM', async () => {
    const result = await fromCorpus('xlsxwriter__macro01.xlsm')

    expect(textOfPart(result, '1/xl/worksheets/sheet1.xml')).toBe('123')
    expect(result.parts[0]?.detectedType).toBe('application/vnd.ms-excel.sheet.macroenabled.12')
  })
})

describe('PowerPoint', () => {
  it('reads speaker notes', async () => {
    const result = await fromCorpus('pypptx__sld-notes.pptx')

    expect(textOfPart(result, '1/ppt/notesSlides/notesSlide1.xml')).toContain('Notes')
  })

  it('reads every slide of a macro-enabled PPTM', async () => {
    const result = await fromCorpus('pypptx__act-props.pptm')

    for (const word of ['First', 'Previous', 'Next', 'Last'])
      expect(allText(result)).toContain(word)
  })
})

describe('OpenDocument text', () => {
  it('reads the body and leaves the view settings out', async () => {
    const result = await fromCorpus('pypdfsamples__002-trivial-libre-office-writer_source.odt')

    expect(textOfPart(result, '1/content.xml')).toContain('Lorem ipsum dolor sit amet')
    expect(result.texts.map((t) => t.partId)).not.toContain('1/settings.xml')
  })
})

describe('RTF', () => {
  it('reads text, code-page escapes and hidden text', async () => {
    const rtf = "{\\rtf1\\ansi\\ansicpg1252 Caf\\'e9 card 4111 1111 {\\v 1111 1111} end}"

    const result = await extractBytes(Buffer.from(rtf), 'note.rtf')

    expect(allText(result)).toContain('Café')
    expect(allText(result).replace(/\s+/g, ' ')).toContain('4111 1111 1111 1111')
    expect(result.parts[0]).toMatchObject({ detectedType: 'application/rtf', method: 'rtf' })
  })
})

describe('calendar and vCard files', () => {
  it('reads an iCalendar export with non-ASCII text', async () => {
    const result = await fromCorpus('icalendar__calendar_with_unicode.ics')

    expect(allText(result)).toContain('test non ascii: äöü ÄÖÜ €')
    expect(result.parts[0]).toMatchObject({ method: 'calendar', detectedType: 'text/calendar' })
  })

  it('reads a vCard with a folded line', async () => {
    const vcf =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:J. Doe\r\nNOTE:IBAN GB82 WEST 1234\r\n  5698 7654 32\r\nEND:VCARD\r\n'

    const result = await extractBytes(Buffer.from(vcf), 'doe.vcf')

    expect(allText(result)).toContain('GB82 WEST 1234 5698 7654 32')
    expect(result.parts[0]?.detectedType).toBe('text/vcard')
  })
})

describe('archives', () => {
  it('reads a zip64 archive', async () => {
    const result = await fromCorpus('yauzl__success_zip64.zip')

    expect(result.texts.map((t) => [t.partId, t.text])).toEqual([
      ['1/test1.txt', 'foo'],
      ['1/test2.txt', 'bar'],
    ])
  })

  it('reads a gzipped tar: every member, long (pax) names included', async () => {
    const result = await fromFixture('export.tar.gz')

    expect(result.parts.map((p) => [p.partId, p.method])).toEqual([
      ['1', 'gzip'],
      ['1/export.tar', 'tar'],
      ['1/export.tar/export/cards.txt', 'text'],
      [`1/export.tar/export/${'n'.repeat(120)}.txt`, 'text'],
    ])
    expect(allText(result)).toContain('DE89 3704 0044 0532 0130 00')
  })

  it('stops a gzip bomb at the ratio limit without inflating it whole', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024))

    const result = await extractBytes(bomb, 'zeros.gz')

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['UNSCANNABLE', `limit: maxRatio ${defaultExtractLimits.maxRatio} exceeded`],
    ])
  })

  it('reports archives broken on purpose and reads what it can', async () => {
    const result = await fromCorpus('yauzl__failure_invalid_code_lengths_set.zip')

    expect(result.findings.map((f) => f.category)).toEqual(['UNSCANNABLE'])
    expect(result.findings[0]?.reason).toMatch(/^zip: corrupt/)
  })
})

describe('encrypted files', () => {
  it.each([
    ['OOXML (XLSX)', 'calamine__pass_protected.xlsx', 'ooxml: password protected'],
    ['OOXML (XLSB)', 'calamine__pass_protected.xlsb', 'ooxml: password protected'],
    ['legacy Excel', 'calamine__issue_385.xls', 'xls: password protected'],
    ['ODF', 'calamine__pass_protected.ods', 'odf: password protected'],
  ])('reports a password-protected %s file as ENCRYPTED_CONTENT', async (_label, name, reason) => {
    const result = await fromCorpus(name)

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['ENCRYPTED_CONTENT', reason],
    ])
    expect(result.parts[0]?.status).toBe('encrypted')
  })

  it('reports each entry of a ZipCrypto archive as ENCRYPTED_CONTENT', async () => {
    const result = await fromCorpus('yauzl__success_traditional-encryption.zip')

    expect(new Set(result.findings.map((f) => [f.category, f.reason].join(': ')))).toEqual(
      new Set(['ENCRYPTED_CONTENT: zip: encrypted entry']),
    )
    expect(result.parts[0]?.status).toBe('encrypted')
  })
})

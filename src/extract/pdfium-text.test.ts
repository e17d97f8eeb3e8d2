import { describe, expect, it } from 'vitest'

import { corpusBytes } from './case-message.js'
import { pdfWith } from './simple-pdf.js'
import { openPdfiumPages, PdfiumMemoryLimit } from './pdfium-text.js'

describe('PDFium page text', () => {
  it('gives the text of each page', async () => {
    const pages = await openPdfiumPages(pdfWith(['first page', 'second page'], '<<>>'))

    expect(pages?.count).toBe(2)
    expect(pages?.textOf(0)).toBe('first page')
    expect(pages?.textOf(1)).toBe('second page')
    pages?.close()
  })

  it('reads what an annotation draws on the page, as a reader sees it', async () => {
    // A FreeText note whose appearance shows a card number (its /Contents says something else).
    const appearance = 'BT /F1 10 Tf 2 5 Td (card 4111 1111 1111 1111) Tj ET'
    const content = 'BT /F1 12 Tf 10 100 Td (page text) Tj ET'
    const objects = [
      '<</Type/Catalog/Pages 2 0 R>>',
      '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R' +
        '/Resources<</Font<</F1 5 0 R>>>>/Annots[6 0 R]>>',
      `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
      '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
      '<</Type/Annot/Subtype/FreeText/Rect[10 10 200 30]/Contents(a note)/DA(/F1 10 Tf)' +
        '/AP<</N 7 0 R>>>>',
      '<</Type/XObject/Subtype/Form/BBox[0 0 190 20]/Resources<</Font<</F1 5 0 R>>>>' +
        `/Length ${appearance.length}>>\nstream\n${appearance}\nendstream`,
    ]
    const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')
    const pdf = Buffer.from(`%PDF-1.4\n${body}trailer\n<</Root 1 0 R>>\n%%EOF\n`, 'latin1')

    const pages = await openPdfiumPages(pdf)

    expect(pages?.textOf(0)).toBe('page text\ncard 4111 1111 1111 1111')
    pages?.close()
  })

  it('does not open bytes that are not a PDF', async () => {
    expect(await openPdfiumPages(Buffer.from('%PDF-1.4\nnot really\n'))).toBeUndefined()
  })

  it('gives back the hyphen and line break of a word broken across lines', async () => {
    const pages = await openPdfiumPages(await corpusBytes('pdfparse__01-valid.pdf'))
    const text = Array.from({ length: pages?.count ?? 0 }, (_, i) => pages?.textOf(i)).join('\n')
    pages?.close()

    expect(text).toContain('com-\npile')
    expect(text).not.toMatch(/[\r\ufffe]/)
  })

  // Regression from an attack run: seven levels of Form XObjects, each drawing the next ten
  // times (2 KB), grew the engine to 2.2 GB and took a minute with pdf.js after it.
  it('stops a page whose drawing multiplies at the engine memory limit', async () => {
    const forms = Array.from({ length: 7 }, (_, level) => {
      const id = 5 + level
      const content = level === 6 ? 'BT /F1 12 Tf 0 0 Td (laugh) Tj ET' : '/X Do '.repeat(10)
      const inner = level === 6 ? '/Font<</F1 4 0 R>>' : `/XObject<</X ${id + 1} 0 R>>`
      return (
        `${id} 0 obj\n<</Type/XObject/Subtype/Form/BBox[0 0 300 200]/Resources<<${inner}>>` +
        `/Length ${content.length}>>\nstream\n${content}\nendstream\nendobj\n`
      )
    })
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n' +
        '2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n' +
        '3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 12 0 R' +
        '/Resources<</XObject<</X 5 0 R>>>>>>\nendobj\n' +
        '4 0 obj\n<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n' +
        forms.join('') +
        '12 0 obj\n<</Length 5>>\nstream\n/X Do\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n',
      'latin1',
    )

    const pages = await openPdfiumPages(pdf)

    expect(() => pages?.textOf(0)).toThrow(PdfiumMemoryLimit)
  })
})

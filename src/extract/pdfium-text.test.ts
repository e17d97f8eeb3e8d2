import { describe, expect, it } from 'vitest'

import { corpusBytes } from './case-message.js'
import { pdfWith } from './pdf-for-test.js'
import { openPdfiumPages } from './pdfium-text.js'

describe('PDFium page text', () => {
  it('gives the text of each page', async () => {
    const pages = await openPdfiumPages(pdfWith(['first page', 'second page'], '<<>>'))

    expect(pages?.count).toBe(2)
    expect(pages?.textOf(0)).toBe('first page')
    expect(pages?.textOf(1)).toBe('second page')
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
})

// How page text is read when PDFium cannot help: pdf.js lays the text out itself, for a page
// PDFium cannot load or finds no text on, for every page after an engine fault, and for the
// whole document when PDFium does not open it.
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { pdfWith } from './simple-pdf.js'
import { PdfiumMemoryLimit, type PdfiumPages } from './pdfium-text.js'

const engine = vi.hoisted(() => ({
  open: (): PdfiumPages | undefined => undefined,
  closed: 0,
}))

vi.mock('./pdfium-text.js', () => ({
  openPdfiumPages: () => Promise.resolve(engine.open()),
  warmPdfium: () => Promise.resolve(),
  PdfiumMemoryLimit: class PdfiumMemoryLimit extends Error {},
  PDFIUM_MAX_HEAP_MIB: 512,
}))

function pagesFrom(textOf: (index: number) => string | undefined): PdfiumPages {
  return {
    count: 3,
    textOf,
    close: () => {
      engine.closed += 1
    },
  }
}

const pdf = pdfWith(['first page', 'second page', 'third page'], '<<>>')

async function textOfPdf(): Promise<string> {
  const result = await extractText(messageOf({ content: pdf }), defaultExtractLimits)
  expect(result.findings).toEqual([])
  return allText(result)
}

describe('PDF page text engines', () => {
  beforeEach(() => {
    engine.closed = 0
  })

  it('takes page text from PDFium where it gives it', async () => {
    engine.open = () => pagesFrom((index) => `pdfium ${index}`)

    const text = await textOfPdf()

    expect(text).toContain('pdfium 0')
    expect(text).toContain('pdfium 2')
    expect(text).not.toContain('first page')
    expect(engine.closed).toBe(1)
  })

  it('lays out with pdf.js a page PDFium cannot load', async () => {
    engine.open = () => pagesFrom((index) => (index === 1 ? undefined : `pdfium ${index}`))

    const text = await textOfPdf()

    expect(text).toContain('pdfium 0')
    expect(text).toContain('second page')
    expect(text).toContain('pdfium 2')
  })

  it('asks pdf.js for a page where PDFium finds no text', async () => {
    engine.open = () => pagesFrom((index) => (index === 1 ? ' \n' : `pdfium ${index}`))

    const text = await textOfPdf()

    expect(text).toContain('pdfium 0')
    expect(text).toContain('second page')
  })

  it('asks pdf.js as well where PDFium gives control characters', async () => {
    engine.open = () =>
      pagesFrom((index) => (index === 1 ? '\u0001\u0004\u0005' : `pdfium ${index}`))

    const text = await textOfPdf()

    expect(text).toContain('\u0001\u0004\u0005')
    expect(text).toContain('second page')
    expect(text).not.toContain('first page')
  })

  it('lays out with pdf.js every page after PDFium faults', async () => {
    const asked: number[] = []
    engine.open = () =>
      pagesFrom((index) => {
        asked.push(index)
        if (index === 1) throw new Error('memory access out of bounds')
        return `pdfium ${index}`
      })

    const text = await textOfPdf()

    expect(text).toContain('pdfium 0')
    expect(text).toContain('second page')
    expect(text).toContain('third page')
    expect(asked).toEqual([0, 1])
  })

  it("reports a page past PDFium's memory limit and asks pdf.js for nothing more", async () => {
    engine.open = () =>
      pagesFrom((index) => {
        if (index === 1) throw new PdfiumMemoryLimit()
        return `pdfium ${index}`
      })

    const result = await extractText(messageOf({ content: pdf }), defaultExtractLimits)

    expect(result.findings.map((f) => f.reason)).toEqual(['limit: PDFium heap 512 MiB exceeded'])
    expect(allText(result)).toContain('pdfium 0')
    expect(allText(result)).not.toContain('second page')
    expect(allText(result)).not.toContain('third page')
  })

  it('lays out with pdf.js a document PDFium does not open', async () => {
    engine.open = () => undefined

    const text = await textOfPdf()

    expect(text).toContain('first page')
    expect(text).toContain('third page')
  })
})

// How page text is read when PDFium cannot help: pdf.js lays the text out itself, for a page
// PDFium cannot load or finds no text on, for every page after an engine fault, and for the
// whole document when PDFium does not open it. And how the later pages of a slow PDF go to
// the page helper thread.
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { pdfWith } from './pdf-for-test.js'
import type { PdfiumPages } from './pdfium-text.js'

const engine = vi.hoisted(() => ({
  open: (): PdfiumPages | undefined => undefined,
  closed: 0,
  helper: (
    _bytes: Buffer,
    _from: number,
    _to: number,
  ): Promise<readonly (string | undefined)[] | undefined> => Promise.resolve(undefined),
}))

vi.mock('./pdfium-text.js', () => ({
  openPdfiumPages: () => Promise.resolve(engine.open()),
  warmPdfium: () => Promise.resolve(),
}))

// Unless a test says otherwise, the helper fails, so this thread reads every page whatever
// the machine's speed makes of the split.
vi.mock('./pdf-page-helper.js', () => ({
  readPagesInHelper: (bytes: Buffer, from: number, to: number) => engine.helper(bytes, from, to),
}))

function pagesFrom(textOf: (index: number) => string | undefined, count = 3): PdfiumPages {
  return {
    count,
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
    engine.helper = () => Promise.resolve(undefined)
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

  it('lays out with pdf.js a document PDFium does not open', async () => {
    engine.open = () => undefined

    const text = await textOfPdf()

    expect(text).toContain('first page')
    expect(text).toContain('third page')
  })
})

describe('the page helper thread', () => {
  const sixPages = pdfWith(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], '<<>>')
  // 10 ms a page: after the first, the other five would take 50 ms, past the 15 ms at which
  // their later half goes to the helper.
  const slowly = (index: number) => {
    const until = performance.now() + 10
    while (performance.now() < until);
    return `local ${index}`
  }

  async function textOfSixPages(): Promise<string> {
    const result = await extractText(messageOf({ content: sixPages }), defaultExtractLimits)
    expect(result.findings).toEqual([])
    return allText(result)
  }

  it('reads the later half of what is left of a slow PDF there', async () => {
    const asked: [number, number][] = []
    engine.open = () => pagesFrom(slowly, 6)
    engine.helper = (_bytes, from, to) => {
      asked.push([from, to])
      return Promise.resolve(Array.from({ length: to - from }, (_, i) => `helper ${from + i}`))
    }

    const text = await textOfSixPages()

    expect(asked).toEqual([[4, 6]])
    expect(text.match(/(?:local|helper) \d/g)).toEqual([
      'local 0',
      'local 1',
      'local 2',
      'local 3',
      'helper 4',
      'helper 5',
    ])
  })

  it('lays out with pdf.js a page the helper cannot read', async () => {
    engine.open = () => pagesFrom(slowly, 6)
    engine.helper = () => Promise.resolve(['helper 4', undefined])

    const text = await textOfSixPages()

    expect(text).toContain('helper 4')
    expect(text).toContain('p6')
  })

  it('reads the pages itself when the helper fails', async () => {
    engine.open = () => pagesFrom(slowly, 6)
    engine.helper = () => Promise.resolve(undefined)

    const text = await textOfSixPages()

    expect(text.match(/local \d/g)).toHaveLength(6)
  })
})

import { describe, expect, it } from 'vitest'

import { pdfWith } from './simple-pdf.js'
import { compileOptimisedPdfium, openPdfiumPages, usePdfiumModule } from './pdfium-text.js'

// The relay compiles PDFium once, fully optimised, and gives it to each inspection worker.
// Each test file runs in a fresh module graph, so this thread's engine starts unmade here.
describe('PDFium from a module compiled elsewhere', () => {
  it('makes its engine from the module it is given', async () => {
    usePdfiumModule({ not: 'a WebAssembly module' })

    // The engine cannot be made from it; the PDF is then left to pdf.js.
    expect(await openPdfiumPages(pdfWith('given', '<<>>'))).toBeUndefined()
  })

  it('reads pages with the engine compiled optimised up front', async () => {
    usePdfiumModule(await compileOptimisedPdfium())
    const pages = await openPdfiumPages(pdfWith(['first page', 'second page'], '<<>>'))

    expect(pages?.textOf(1)).toBe('second page')
    pages?.close()
  })
})

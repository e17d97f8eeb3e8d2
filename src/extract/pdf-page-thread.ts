// Thread entry of the PDF page helper (pdf-page-helper.ts): reads the page text of a range of
// pages of one PDF with its own PDFium engine and posts it back.
import { parentPort } from 'node:worker_threads'

import type { PagesReply, PagesRequest } from './pdf-page-helper.js'
import { openPdfiumPages, warmPdfium } from './pdfium-text.js'

warmPdfium().catch(() => undefined)

parentPort?.on('message', (request: PagesRequest) => {
  void textsOf(request).then((reply) => parentPort?.postMessage(reply))
})

async function textsOf({ id, bytes, from, to }: PagesRequest): Promise<PagesReply> {
  try {
    const pages = await openPdfiumPages(bytes)
    if (pages === undefined) return { id, texts: undefined }
    try {
      const texts: (string | null)[] = []
      for (let index = from; index < to && index < pages.count; index += 1) {
        texts.push(pages.textOf(index) ?? null)
      }
      return { id, texts }
    } finally {
      pages.close()
    }
  } catch {
    // An engine fault: the asking worker reads these pages itself.
    return { id, texts: undefined }
  }
}

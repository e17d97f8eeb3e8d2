// Worker-thread entry for piscina: inspects one message's content off the SMTP event loop.
import { workerData, type MessagePort } from 'node:worker_threads'
import { usePdfiumModule, warmPdfium } from '../extract/pdfium-text.js'
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'

export interface InspectTask {
  readonly raw: Uint8Array
  readonly limits: ContentLimits
  /** Told when this worker starts on the task: the pool's time limit runs from then. */
  readonly started?: MessagePort
}

/** What the pool gives each of its workers. */
export interface InspectWorkerData {
  /** PDFium's WebAssembly, compiled once for all workers (compileOptimisedPdfium). */
  readonly pdfium?: unknown
}

// The PDF engines are made ready when the worker starts, not while the first PDF waits for
// them. PDFium is compiled here unless the pool gave it; if it cannot be, PDFs are read by pdf.js
// alone (read-pdf.ts). pdf.js runs its parser in this thread, from a module it would otherwise
// load on the first PDF (60 ms); loading it registers it where pdf.js looks for it.
const given = (workerData as InspectWorkerData | null)?.pdfium
if (given !== undefined) usePdfiumModule(given)
warmPdfium().catch(() => undefined)
import('pdfjs-dist/legacy/build/pdf.worker.mjs').catch(() => undefined)

export default async function inspectTask(task: InspectTask): Promise<ContentReport> {
  task.started?.postMessage('started')
  task.started?.close()
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength)
  return inspectContent(raw, task.limits)
}

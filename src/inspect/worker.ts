// Worker-thread entry for piscina: inspects one message's content off the SMTP event loop.
import type { MessagePort } from 'node:worker_threads'
import { warmPdfium } from '../extract/pdfium-text.js'
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'

export interface InspectTask {
  readonly raw: Uint8Array
  readonly limits: ContentLimits
  /** Told when this worker starts on the task: the pool's time limit runs from then. */
  readonly started?: MessagePort
}

// The PDF engine is compiled when the worker starts, not while the first PDF waits for it. If it
// cannot be compiled, PDFs are read by pdf.js alone (read-pdf.ts).
warmPdfium().catch(() => undefined)

export default async function inspectTask(task: InspectTask): Promise<ContentReport> {
  task.started?.postMessage('started')
  task.started?.close()
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength)
  return inspectContent(raw, task.limits)
}

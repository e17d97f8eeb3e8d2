// Worker-thread entry for piscina: inspects one message's content off the SMTP event loop.
import { restoreNativeBuiltins } from '../extract/native-builtins.js'
import { BroadcastChannel, workerData, type MessagePort } from 'node:worker_threads'
import { usePdfiumModule, warmPdfium } from '../extract/pdfium-text.js'
import { inspectContent } from './content.js'
import { warmUpInspection } from './warm-up.js'
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
  /** A BroadcastChannel the worker posts to once it has warmed up. */
  readonly readyChannel?: string
}

// The worker makes itself ready before it takes its first message. PDFium is compiled here
// unless the pool gave it; if it cannot be, PDFs are read by pdf.js alone (read-pdf.ts). pdf.js
// runs its parser in this thread, from a module it would otherwise load on the first PDF (60 ms);
// loading it registers it where pdf.js looks for it. Then one message is read through the whole
// inspection (warm-up.ts). The module's handler is a promise that resolves when that is done,
// which piscina awaits before it marks the worker ready: it blocks the thread's event loop
// between tasks (Atomics.wait), so work merely started here would stall until the first message
// and run beside it, as it did (a fresh worker's first PDF mail: parse 157 ms, against 20).
// WARM_UP_MS bounds it so that a warm-up that hangs cannot keep the worker from mail; it is far
// above the 0.1–0.3 s it takes.
const WARM_UP_MS = 10_000
const data = (workerData as InspectWorkerData | null) ?? {}
if (data.pdfium !== undefined) usePdfiumModule(data.pdfium)
const warmUp = Promise.allSettled([warmPdfium(), import('pdfjs-dist/legacy/build/pdf.worker.mjs')])
  .then(() => {
    // pdf.js's worker bundle brings its polyfills too (extract/native-builtins.ts).
    restoreNativeBuiltins()
    return warmUpInspection()
  })
  .catch(() => undefined)
const ready = Promise.race([
  warmUp,
  new Promise((resolve) => setTimeout(resolve, WARM_UP_MS).unref()),
])

async function inspectTask(task: InspectTask): Promise<ContentReport> {
  task.started?.postMessage('started')
  task.started?.close()
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength)
  return inspectContent(raw, task.limits)
}

export default ready.then(() => {
  if (data.readyChannel !== undefined) {
    const channel = new BroadcastChannel(data.readyChannel)
    channel.postMessage('ready')
    channel.close()
  }
  return inspectTask
})

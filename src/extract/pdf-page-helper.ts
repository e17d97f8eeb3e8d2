// A second thread for the later pages of a long PDF. Laying out the text of the corpus's
// longest PDF takes PDFium about 60 ms on one core, and such files set the relay's p99 on mail
// with attachments; while the message's worker reads the first pages, this thread reads the
// rest, so the other core halves the wait whenever it is free. Each thread that reads PDFs
// gets one helper, started on first use, with an engine of its own (18 MiB of heap).
import { Worker } from 'node:worker_threads'

export interface PagesRequest {
  readonly id: number
  readonly bytes: Uint8Array
  /** First page (zero-based) and the page after the last. */
  readonly from: number
  readonly to: number
}

export interface PagesReply {
  readonly id: number
  /** One entry per page (null where PDFium cannot read it), or undefined on a failure. */
  readonly texts: readonly (string | null)[] | undefined
}

let helper: Worker | undefined
let nextId = 0
const waiting = new Map<number, (texts: PagesReply['texts']) => void>()

function startHelper(): Worker {
  const worker = import.meta.url.endsWith('.ts')
    ? // From TypeScript sources (tests, tsx), the thread registers tsx before it loads its
      // entry: a `--import tsx` in execArgv does not reach a worker's first module.
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pdf-page-thread.ts', import.meta.url).href)}) })`,
        { eval: true },
      )
    : new Worker(new URL('./pdf-page-thread.js', import.meta.url))
  worker.on('message', (reply: PagesReply) => {
    waiting.get(reply.id)?.(reply.texts)
    waiting.delete(reply.id)
    if (waiting.size === 0) worker.unref()
  })
  const fail = () => {
    if (helper === worker) helper = undefined
    for (const resolve of waiting.values()) resolve(undefined)
    waiting.clear()
  }
  worker.on('error', fail)
  worker.on('exit', fail)
  // An idle helper never keeps a process alive (the CLI's `scan` reads in its main thread);
  // one with pages to give back does. Called after the listeners are added, since adding a
  // 'message' listener refs the thread again.
  worker.unref()
  return worker
}

/**
 * Page text of pages `from` to `to` (zero-based, `to` excluded) of `bytes`, read in the helper
 * thread: a string per page, undefined where PDFium cannot read one, or undefined for the
 * whole range when the helper cannot (the caller then reads those pages itself).
 */
export function readPagesInHelper(
  bytes: Buffer,
  from: number,
  to: number,
): Promise<readonly (string | undefined)[] | undefined> {
  try {
    helper ??= startHelper()
  } catch {
    return Promise.resolve(undefined)
  }

  const id = nextId++
  // A copy of its own goes to the helper (moved, not cloned once more).
  const copy = new Uint8Array(bytes)
  const request: PagesRequest = { id, bytes: copy, from, to }
  const reply = new Promise<PagesReply['texts']>((resolve) => waiting.set(id, resolve))
  helper.ref()
  helper.postMessage(request, [copy.buffer])
  return reply.then((texts) => texts?.map((text) => text ?? undefined))
}

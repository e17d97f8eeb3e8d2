// Runs content inspection in a pool of worker threads, so that one large attachment never
// stalls the SMTP event loop that serves every other connection.
import { availableParallelism } from 'node:os'
import { BroadcastChannel, MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'
import type { InspectTask, InspectWorkerData } from './worker.js'

export interface Inspector {
  /**
   * Inspects `raw`; rejects on a fault or when inspecting takes longer than `timeoutMs` (the
   * worker is then ended).
   */
  inspect(raw: Buffer, timeoutMs: number): Promise<ContentReport>
  /** Resolves once inspection can start without waiting for a worker to make itself ready. */
  ready?(): Promise<void>
  close(): Promise<void>
}

/**
 * How long a message may wait for a free worker, in multiples of its time limit. The limit is
 * counted from when a worker starts on the message: a few slow messages ahead of it are not its
 * fault, and counting their time made clean mail fail with 451 behind them. The wait is bounded
 * apart so that an overloaded relay still answers (451) well before a client gives up.
 */
const QUEUE_WAIT_FACTOR = 3

// How long ready() waits for every worker's warm-up (about 0.3 s each, 10 s at most by
// worker.ts's own bound).
const READY_WAIT_MS = 15_000

let poolCount = 0

export class InspectionTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`inspection took longer than ${timeoutMs} ms`)
    this.name = 'InspectionTimeout'
  }
}

export interface WorkerPoolOptions {
  /** Worker threads (0: one per core). */
  readonly workers: number
  /**
   * Most JavaScript heap one worker may use, in MiB (limits.workerHeapMiB); unset: V8's
   * default, a quarter of the machine's memory up to 4 GiB, per worker.
   */
  readonly heapMiB?: number | undefined
  /** PDFium's WebAssembly compiled once for all workers (compileOptimisedPdfium). */
  readonly pdfium?: unknown
  /** How long ready() waits for every worker's warm-up; READY_WAIT_MS unless given. */
  readonly readyWaitMs?: number
}

/**
 * A worker pool. When this module runs from TypeScript sources (tests, tsx), workers load the
 * TypeScript worker through tsx; from the compiled build they load the JavaScript file. A worker
 * that reaches its heap limit is ended by V8 (the message is rejected with
 * ERR_WORKER_OUT_OF_MEMORY and follows the fail mode), and piscina starts another.
 */
export function createWorkerInspector(
  limits: ContentLimits,
  options: WorkerPoolOptions,
): Inspector {
  const fromSource = import.meta.url.endsWith('.ts')
  const filename = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href
  const threads = options.workers > 0 ? options.workers : availableParallelism()
  // Each worker says on this channel when it has warmed up (worker.ts), for ready().
  const readyChannel = `mailward-inspect-ready-${process.pid}-${(poolCount += 1)}`
  const workerData: InspectWorkerData = { pdfium: options.pdfium, readyChannel }
  const readiness = new BroadcastChannel(readyChannel)
  readiness.unref()
  let cold = threads
  const allWarm = new Promise<void>((resolve) => {
    readiness.onmessage = () => {
      if ((cold -= 1) > 0) return
      readiness.close()
      resolve()
    }
  })
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    workerData,
    resourceLimits:
      options.heapMiB === undefined ? {} : { maxOldGenerationSizeMb: options.heapMiB },
    // Queue instead of refusing: the SMTP layer's connection limit bounds what can wait here.
    maxQueue: 'auto',
  })

  return {
    async inspect(raw, timeoutMs) {
      const controller = new AbortController()
      const abort = () => controller.abort(new InspectionTimeout(timeoutMs))
      let timer = setTimeout(abort, timeoutMs * QUEUE_WAIT_FACTOR)
      // The worker says when it starts; from then on the message has its own time limit.
      const { port1: started, port2: startedPort } = new MessageChannel()
      started.once('message', () => {
        clearTimeout(timer)
        timer = setTimeout(abort, timeoutMs)
      })
      try {
        const task: InspectTask = { raw, limits, started: startedPort }
        const options = { signal: controller.signal, transferList: [startedPort] }
        return (await pool.run(task, options)) as ContentReport
      } catch (error) {
        if (controller.signal.aborted) throw new InspectionTimeout(timeoutMs)
        throw error
      } finally {
        clearTimeout(timer)
        started.close()
      }
    },
    // Every worker of the pool has warmed up, or readyWaitMs has passed: a worker whose
    // warm-up failed is still a worker, and mail is better answered slowly than not at all.
    async ready() {
      let timer: NodeJS.Timeout | undefined
      const wait = options.readyWaitMs ?? READY_WAIT_MS
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)))
      await Promise.race([allWarm, waited])
      clearTimeout(timer)
    },
    close: () => {
      readiness.close()
      return pool.destroy()
    },
  }
}

/** Inspects on the calling thread; for the CLI's `scan`, where nothing else is waiting. */
export function createInProcessInspector(limits: ContentLimits): Inspector {
  return {
    inspect: (raw) => inspectContent(raw, limits),
    close: () => Promise.resolve(),
  }
}

// Runs content inspection in a pool of worker threads, so that one large attachment never
// stalls the SMTP event loop that serves every other connection.
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'
import type { InspectTask } from './worker.js'

export interface Inspector {
  /** Inspects `raw`; rejects on a fault or when `timeoutMs` passes (the worker is then ended). */
  inspect(raw: Buffer, timeoutMs: number): Promise<ContentReport>
  close(): Promise<void>
}

export class InspectionTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`inspection took longer than ${timeoutMs} ms`)
    this.name = 'InspectionTimeout'
  }
}

/**
 * A worker pool. When this module runs from TypeScript sources (tests, tsx), workers load the
 * TypeScript worker through tsx; from the compiled build they load the JavaScript file.
 */
export function createWorkerInspector(limits: ContentLimits, workers: number): Inspector {
  const fromSource = import.meta.url.endsWith('.ts')
  const filename = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href
  const threads = workers > 0 ? workers : availableParallelism()
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    // Queue instead of refusing: the SMTP layer's connection limit bounds what can wait here.
    maxQueue: 'auto',
  })

  return {
    async inspect(raw, timeoutMs) {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(new InspectionTimeout(timeoutMs)), timeoutMs)
      try {
        const task: InspectTask = { raw, limits }
        return (await pool.run(task, { signal: controller.signal })) as ContentReport
      } catch (error) {
        if (controller.signal.aborted) throw new InspectionTimeout(timeoutMs)
        throw error
      } finally {
        clearTimeout(timer)
      }
    },
    close: () => pool.destroy(),
  }
}

/** Inspects on the calling thread; for the CLI's `scan`, where nothing else is waiting. */
export function createInProcessInspector(limits: ContentLimits): Inspector {
  return {
    inspect: (raw) => inspectContent(raw, limits),
    close: () => Promise.resolve(),
  }
}

// Worker-thread entry for piscina: inspects one message's content off the SMTP event loop.
import type { MessagePort } from 'node:worker_threads'
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'

export interface InspectTask {
  readonly raw: Uint8Array
  readonly limits: ContentLimits
  /** Told when this worker starts on the task: the pool's time limit runs from then. */
  readonly started?: MessagePort
}

export default async function inspectTask(task: InspectTask): Promise<ContentReport> {
  task.started?.postMessage('started')
  task.started?.close()
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength)
  return inspectContent(raw, task.limits)
}

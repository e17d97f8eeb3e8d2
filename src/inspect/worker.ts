// Worker-thread entry for piscina: inspects one message's content off the SMTP event loop.
import { inspectContent } from './content.js'
import type { ContentLimits, ContentReport } from './types.js'

export interface InspectTask {
  readonly raw: Uint8Array
  readonly limits: ContentLimits
}

export default async function inspectTask(task: InspectTask): Promise<ContentReport> {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength)
  return inspectContent(raw, task.limits)
}

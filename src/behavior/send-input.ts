// The profile stage's input from what the relay has: the envelope and the inspected content.
import type { ContentReport } from '../inspect/index.js'
import type { Envelope } from '../smtp/types.js'
import type { SendInput } from './describe-send.js'

/**
 * Builds the profile input. Attachments are the top-level parts that carry a file name;
 * members of archives are counted inside their archive.
 */
export function sendInputFrom(envelope: Envelope, content: ContentReport, at: Date): SendInput {
  const files = content.parts.filter(
    (part) => part.filename !== undefined && !part.partId.includes('/'),
  )
  return {
    envelope,
    headers: content.headers,
    at,
    attachments: {
      count: files.length,
      bytes: files.reduce((sum, part) => sum + part.size, 0),
    },
    findings: content.findings,
  }
}

// Parse, extract and detect for one message: everything that reads the content. It runs in a
// worker thread in the relay (see pool.ts) and in-process for `mailward scan`.
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parseMessage } from '../mime/index.js'
import type { Message } from '../mime/index.js'
import { extractText } from '../extract/index.js'
import { detectAll } from '../detect/index.js'
import type { Finding, TextSource } from '../detect/types.js'
import type { ContentLimits, ContentReport } from './types.js'

/**
 * Inspects the content of one raw message. Never throws for bad input: a part that cannot be
 * read becomes an UNSCANNABLE finding. It may throw for a fault of our own (a bug), which the
 * caller turns into the configured fail mode.
 */
export async function inspectContent(raw: Buffer, limits: ContentLimits): Promise<ContentReport> {
  const started = performance.now()
  const message = await parseMessage(raw, { maxDepth: limits.maxMessageDepth })
  const parsed = performance.now()

  const extraction = await extractText(message, limits.extract)
  const extracted = performance.now()

  const sources: TextSource[] = [...headerSources(message), ...extraction.texts]
  const detections = detectAll(sources, { phoneRegions: limits.detect?.phoneRegions })
  const findings = [...problemFindings(message), ...extraction.findings, ...detections]
  const detected = performance.now()

  return {
    headers: message.headers,
    findings,
    parts: extraction.parts,
    labels: extraction.labels ?? [],
    timings: {
      parseMs: parsed - started,
      extractMs: extracted - parsed,
      detectMs: detected - extracted,
    },
  }
}

/** Subjects (of this and attached messages) and attachment names are scanned like text. */
function headerSources(message: Message): TextSource[] {
  return (message.headerTexts ?? []).map((header) => ({
    partId: header.partId,
    origin: 'header',
    text: header.text,
  }))
}

/** Structural problems of the parse become UNSCANNABLE findings: never a silent skip. */
function problemFindings(message: Message): Finding[] {
  return message.problems.map((problem) => ({
    category: 'UNSCANNABLE',
    partId: problem.partId,
    start: 0,
    end: 0,
    confidence: 1,
    masked: '',
    fingerprint: createHash('sha256').update(`${problem.partId}\0${problem.reason}`).digest('hex'),
    recognizer: 'parse',
    reason: problem.reason,
  }))
}

// Extract stage: text out of every part, and an honest report per part.
import type { TextSource } from '../detect/types.js'
import type { Message, MessagePart } from '../mime/types.js'
import { decodeRefusedCharset } from './decode-text.js'
import { labelsFromMsipHeader, nameLabels } from './office-labels.js'
import { readNode, type NodeReading } from './read-node.js'
import { readHtml } from './read-text.js'
import { ExtractSession, type ExtractNode } from './session.js'
import { sniffType } from './sniff-type.js'
import { describeTypeMismatch } from './type-mismatch.js'
import type { ExtractLimits, Extraction, PartReport } from './types.js'

export { defaultExtractLimits } from './limits.js'
export type { ExtractLimits, Extraction, PartReport, SensitivityLabel } from './types.js'

/**
 * Read every leaf part of `message` into texts to scan; every part that could not be (fully)
 * read yields an UNSCANNABLE or ENCRYPTED_CONTENT finding with a fixed reason, and a report.
 * Purview labels of the header and of the files come out as `labels`, for policy.
 *
 * @example
 * const { texts, findings, parts } = await extractText(message, defaultExtractLimits)
 */
export async function extractText(message: Message, limits: ExtractLimits): Promise<Extraction> {
  const parts: PartReport[] = []
  let members: (PartReport | undefined)[] = []
  // Blobs being read, outermost first: readers open members one at a time and await each, so
  // the top of the stack is the container of the member being opened. (A member's path cannot
  // tell: archive paths hold slashes of their own.)
  const open: string[] = []
  const session = new ExtractSession(limits, async (node) => {
    // The slot is taken before reading, so members are listed in the order they were opened.
    const slot = members.push(undefined) - 1
    const parent = open.at(-1)
    open.push(node.id)
    try {
      const reading = await readNode(session, node)
      members[slot] = memberReportOf(session, node, parent, reading)
    } finally {
      open.pop()
    }
  })

  session.labels.push(...labelsFromMsipHeader(message.headers.msipLabels))

  for (const part of message.parts) {
    session.beginPart(originOf(part))
    members = []
    open.splice(0, open.length, part.id)

    const reading = await readPart(session, part)

    parts.push(reportOf(session, part, reading))
    for (const member of members) if (member !== undefined) parts.push(member)
  }

  return {
    texts: session.texts,
    findings: session.findings,
    parts,
    labels: nameLabels(session.labels),
  }
}

async function readPart(s: ExtractSession, part: MessagePart): Promise<NodeReading> {
  const node: ExtractNode = {
    id: part.id,
    bytes: part.content,
    filename: part.filename,
    depth: part.depth,
  }

  if (part.depth > s.limits.maxDepth) {
    s.flag(part.id, 'unscannable', `limit: maxDepth ${s.limits.maxDepth} exceeded`)
    return { detected: sniffType(part.content), method: 'none' }
  }

  if (part.charsetProblem !== undefined) return readRefusedCharset(s, part)

  // The HTML body is passed raw whatever it starts with: comments, hidden elements and
  // attribute values are text a DLP must see.
  if (part.origin === 'body-html') {
    readHtml(s, node)
    return { detected: sniffType(part.content), method: 'html' }
  }

  return readNode(s, node)
}

// The body text mailparser gives us joins every text part: the refused one is still in its
// charset, the others are decoded already. Both readings are scanned, so neither is lost.
function readRefusedCharset(s: ExtractSession, part: MessagePart): NodeReading {
  s.addText(part.id, part.content.toString('utf8'))
  const decoded = decodeRefusedCharset(part.content, part.charsetProblem ?? '')

  if (decoded.ok) s.addText(part.id, decoded.text)
  else s.flag(part.id, 'unscannable', decoded.reason)

  return { detected: { mime: 'text/plain', kind: 'text' }, method: 'charset-fallback' }
}

// A member's report covers what it yielded itself; its own members have reports of their own.
function memberReportOf(
  s: ExtractSession,
  node: ExtractNode,
  parent: string | undefined,
  reading: NodeReading,
): PartReport {
  const tally = s.nodeTally(node.id)
  const isUnread = tally.textBytes === 0 && tally.worst !== undefined

  return {
    partId: node.id,
    parent,
    declaredType: '',
    detectedType: reading.detected.mime,
    filename: node.filename,
    size: node.bytes.length,
    method: reading.method,
    status: isUnread ? (tally.worst === 'encrypted' ? 'encrypted' : 'unscannable') : 'inspected',
    textBytes: tally.textBytes,
    reason: tally.reason,
    typeMismatch: describeTypeMismatch('', node.filename, reading.detected.mime),
  }
}

// Text outside the MIME parts is text of the message body, which a client may show inline.
function originOf(part: MessagePart): TextSource['origin'] {
  if (part.origin === 'body-text' || part.origin === 'body-html') return part.origin
  if (part.origin === 'outside-parts') return 'body-text'
  return 'attachment'
}

function reportOf(s: ExtractSession, part: MessagePart, reading: NodeReading): PartReport {
  const tally = s.partTally()
  const isUnread = tally.textBytes === 0 && tally.worst !== undefined
  const status = isUnread && tally.worst === 'encrypted' ? 'encrypted' : 'inspected'

  return {
    partId: part.id,
    declaredType: part.declaredType,
    detectedType: reading.detected.mime,
    filename: part.filename,
    size: part.content.length,
    method: reading.method,
    status: isUnread && tally.worst === 'unscannable' ? 'unscannable' : status,
    textBytes: tally.textBytes,
    reason: tally.reason,
    typeMismatch: describeTypeMismatch(part.declaredType, part.filename, reading.detected.mime),
    section: part.origin === 'outside-parts' ? 'outside-parts' : undefined,
  }
}

// The parse stage: raw RFC 5322 bytes to a typed Message with every leaf part.
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser'
import { readTopHeader } from '../smtp/raw-header.js'
import { addressesFrom } from './addresses.js'
import { outlineMessage } from './raw-outline.js'
import type { HeadersOfInterest, Message, MessagePart, ParseProblem } from './types.js'

export interface ParseLimits {
  /** Deepest message/rfc822 nesting that is re-parsed; deeper ones stay opaque parts. */
  readonly maxDepth: number
}

const PARSE_OPTIONS = {
  // We scan raw HTML ourselves (comments, hidden elements and attributes are text to scan), and
  // we never want mailparser to inline cid: images into the HTML as data: URIs.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
} as const

/**
 * Parses a message and, recursively, every attached message up to `limits.maxDepth`. A parse
 * failure is not an exception: it is recorded in `problems`, so that the caller can hold the
 * message as unreadable instead of treating it as clean.
 *
 * @example
 * const message = await parseMessage(raw, { maxDepth: 8 })
 * message.parts.map((part) => part.id) // ['1', '2', '3', '3.1']
 */
export async function parseMessage(raw: Buffer, limits: ParseLimits): Promise<Message> {
  const problems: ParseProblem[] = []
  const parts: MessagePart[] = []
  const headerTexts: { partId: string; text: string }[] = []
  const machineHeaderTexts: { partId: string; text: string }[] = []

  const mail = await parseOrRecord(raw, '0', problems)
  if (mail === undefined) {
    return {
      headers: emptyHeaders(),
      parts,
      problems,
      size: raw.length,
      headerTexts,
      machineHeaderTexts,
    }
  }

  await collectParts(mail, raw, '', 0, limits, { parts, problems, headerTexts, machineHeaderTexts })
  return {
    headers: headersOf(mail, raw),
    parts,
    problems,
    size: raw.length,
    headerTexts,
    machineHeaderTexts,
  }
}

interface Collector {
  readonly parts: MessagePart[]
  readonly problems: ParseProblem[]
  readonly headerTexts: { partId: string; text: string }[]
  readonly machineHeaderTexts: { partId: string; text: string }[]
}

async function collectParts(
  mail: ParsedMail,
  raw: Buffer,
  prefix: string,
  depth: number,
  limits: ParseLimits,
  into: Collector,
): Promise<void> {
  let index = 0
  const nextId = (): string => `${prefix}${++index}`
  const messageId = prefix === '' ? '0' : prefix.slice(0, -1)
  const outline = outlineMessage(raw)

  const subject = mail.subject ?? ''
  if (subject !== '') into.headerTexts.push({ partId: messageId, text: subject })
  for (const field of outline.headerFields) {
    into.headerTexts.push({ partId: `${messageId}/header/${field.name}`, text: field.text })
  }
  for (const field of outline.machineFields) {
    into.machineHeaderTexts.push({
      partId: `${messageId}/header/${field.name}`,
      text: field.text,
    })
  }
  for (const reason of outline.problems) {
    into.problems.push({ partId: `${messageId}/structure`, reason })
  }

  if (typeof mail.text === 'string' && mail.text !== '') {
    into.parts.push({
      id: nextId(),
      declaredType: 'text/plain',
      filename: undefined,
      disposition: 'inline',
      content: Buffer.from(mail.text, 'utf8'),
      depth,
      origin: 'body-text',
      charsetProblem: refusedCharsetIn(raw),
    })
  }

  if (typeof mail.html === 'string' && mail.html !== '') {
    into.parts.push({
      id: nextId(),
      declaredType: 'text/html',
      filename: undefined,
      disposition: 'inline',
      content: Buffer.from(mail.html, 'utf8'),
      depth,
      origin: 'body-html',
    })
  }

  for (const attachment of mail.attachments) {
    const id = nextId()
    if (attachment.filename !== undefined)
      into.headerTexts.push({ partId: id, text: attachment.filename })

    if (isAttachedMessage(attachment) && depth < limits.maxDepth) {
      const inner = await parseOrRecord(attachment.content, id, into.problems)
      if (inner !== undefined) {
        await collectParts(inner, attachment.content, `${id}.`, depth + 1, limits, into)
        continue
      }
    } else if (isAttachedMessage(attachment)) {
      into.problems.push({
        partId: id,
        reason: `limit: message nesting deeper than ${limits.maxDepth}`,
      })
    }
    into.parts.push(partFromAttachment(id, attachment, depth))
  }

  // Text mailparser skips as multipart data is still text a reader may see: scanned as a part
  // of its own, after the parts mailparser gives, so their ids stay as they were.
  if (outline.outside.length > 0) {
    into.parts.push({
      id: nextId(),
      declaredType: '',
      filename: undefined,
      disposition: 'none',
      content: outline.outside,
      depth,
      origin: 'outside-parts',
    })
  }
}

async function parseOrRecord(
  raw: Buffer,
  partId: string,
  problems: ParseProblem[],
): Promise<ParsedMail | undefined> {
  try {
    return await simpleParser(raw, PARSE_OPTIONS)
  } catch (error) {
    // mailsplit refuses messages past its structural limits (1 MiB of headers in one node, more
    // than 1,000 child parts). The message is not clean: record why, and let policy decide.
    problems.push({ partId, reason: describeParseFailure(error) })
    return undefined
  }
}

function describeParseFailure(error: unknown): string {
  const message = error instanceof Error ? error.message.toLowerCase() : ''
  if (message.includes('header size')) return 'structure: a MIME header block is over 1 MiB'
  if (message.includes('child nodes') || message.includes('max nodes')) {
    return 'structure: more than 1,000 MIME parts'
  }
  return 'structure: the MIME structure could not be parsed'
}

function partFromAttachment(id: string, attachment: Attachment, depth: number): MessagePart {
  const disposition = attachment.contentDisposition === 'attachment' ? 'attachment' : 'inline'
  return {
    id,
    declaredType: attachment.contentType.toLowerCase(),
    filename: attachment.filename,
    disposition: attachment.contentDisposition === undefined ? 'none' : disposition,
    content: attachment.content,
    depth,
    origin: 'attachment',
  }
}

function isAttachedMessage(attachment: Attachment): boolean {
  const type = attachment.contentType.toLowerCase()
  return type === 'message/rfc822' || type === 'message/global'
}

// libmime deliberately refuses UTF-7 (it can hide characters as plain ASCII), so a text part in
// UTF-7 reaches us undecoded. Extraction decodes it for scanning only; the flag says to.
const UTF7_CHARSET = /charset\s*=\s*"?(?:unicode-1-1-)?utf-?7\b/i

function refusedCharsetIn(raw: Buffer): string | undefined {
  const sample = raw.toString('latin1')
  return UTF7_CHARSET.test(sample) ? 'utf-7' : undefined
}

function headersOf(mail: ParsedMail, raw: Buffer): HeadersOfInterest {
  const header = (name: string): string | undefined => {
    const value = mail.headers.get(name)
    if (value === undefined || value === null) return undefined
    return typeof value === 'string' ? value : undefined
  }

  return {
    messageId: mail.messageId,
    subject: mail.subject ?? '',
    from: addressesFrom(mail.from),
    sender: addressesFrom(mail.headers.get('sender') as AddressObject | undefined),
    replyTo: addressesFrom(mail.replyTo),
    to: addressesFrom(mail.to),
    cc: addressesFrom(mail.cc),
    date: mail.date,
    tenantId: header('x-ms-exchange-crosstenant-id')?.trim().toLowerCase(),
    networkMessageId: header('x-ms-exchange-crosstenant-network-message-id')?.trim(),
    msipLabels: readTopHeader(raw, 'msip_labels'),
    autoSubmitted: header('auto-submitted'),
    inboxRulesLoop: header('x-ms-exchange-inbox-rules-loop'),
  }
}

function emptyHeaders(): HeadersOfInterest {
  return {
    messageId: undefined,
    subject: '',
    from: [],
    sender: [],
    replyTo: [],
    to: [],
    cc: [],
    date: undefined,
    tenantId: undefined,
    networkMessageId: undefined,
    msipLabels: undefined,
    autoSubmitted: undefined,
    inboxRulesLoop: undefined,
  }
}

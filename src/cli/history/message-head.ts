// What a stored message says about its own send: the envelope, the time and the Message-ID,
// read from its header block. A stored message has no SMTP envelope, so one is rebuilt from
// From, To, Cc and Bcc (sent copies keep Bcc); the relay itself trusts only MAIL FROM/RCPT TO.
import { simpleParser, type AddressObject } from 'mailparser'
import { normalizeAddress } from '../../mime/index.js'
import type { Envelope } from '../../smtp/types.js'

/** Header blocks larger than this are not a real message's; 1 MiB is mailsplit's own limit. */
const MAX_HEAD_BYTES = 1 << 20

/** The header block, up to and including the blank line that ends it. */
export function headOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n')
  const lf = raw.indexOf('\n\n')
  const end = crlf === -1 ? lf : lf === -1 ? crlf : Math.min(crlf, lf)
  if (end === -1) return raw.subarray(0, MAX_HEAD_BYTES)
  return raw.subarray(0, Math.min(end + (end === crlf ? 4 : 2), MAX_HEAD_BYTES))
}

/** The envelope a relay would have seen: From's mailbox (never its display name) and every recipient. */
export async function envelopeOf(raw: Buffer): Promise<{ envelope: Envelope; skipped: number }> {
  const parsed = await simpleParser(headOf(raw), { skipHtmlToText: true, skipTextToHtml: true })
  const from = mailboxes(parsed.from)
  const recipients = [...mailboxes(parsed.to), ...mailboxes(parsed.cc), ...mailboxes(parsed.bcc)]

  const seen = new Set<string>()
  const rcptTo: string[] = []
  let skipped = 0
  for (const candidate of recipients) {
    const address = normalizeAddress(candidate)
    if (address === undefined) {
      skipped++
      continue
    }
    const key = `${address.local.toLowerCase()}@${address.domainAscii}`
    if (seen.has(key)) continue
    seen.add(key)
    rcptTo.push(address.address)
  }

  const sender = from.map((candidate) => normalizeAddress(candidate)).find((a) => a !== undefined)
  return {
    envelope: {
      mailFrom: sender?.address ?? '',
      rcptTo,
      clientAddress: '',
      heloName: 'replay',
      tls: false,
    },
    skipped,
  }
}

/** The addresses of a header, groups flattened; entries without an address are left out. */
function mailboxes(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return objects.flatMap((object) =>
    object.value
      .flatMap((entry) => [entry, ...(entry.group ?? [])])
      .flatMap((entry) =>
        entry.address === undefined || entry.address === '' ? [] : [entry.address],
      ),
  )
}

/** The unfolded value of a header in a header block (RFC 5322 §2.2.3). */
export function headerValue(head: Buffer, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`
  const lines = head
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(prefix))
  return line?.slice(prefix.length).trim()
}

/** The Date header as a time, or undefined when it is missing or unreadable. */
export function dateOf(head: Buffer): Date | undefined {
  const value = headerValue(head, 'date')
  if (value === undefined) return undefined
  return parseDate(value)
}

/** RFC 5322 dates, with obsolete zone names and comments ("(PST)") that V8 reads as well. */
export function parseDate(value: string): Date | undefined {
  const time = Date.parse(value.replace(/\([^)]*\)/g, ' ').trim())
  return Number.isNaN(time) ? undefined : new Date(time)
}

export function messageIdOf(head: Buffer): string | undefined {
  const value = headerValue(head, 'message-id')
  return value === undefined || value === '' ? undefined : value
}

/** True when the bytes begin like an RFC 5322 header block (`Name: value`). */
export function looksLikeMessage(start: Buffer): boolean {
  const firstLine = start.subarray(0, 1000).toString('latin1').split(/\r?\n/, 1)[0] ?? ''
  return /^[!-9;-~]+:/.test(firstLine)
}

// JSON lines of sends, in the shape of shared/corpus/sends/: a mail export reduced to envelope,
// headers and text. Each send becomes an RFC 5322 message, so that it takes exactly the path
// a message through the relay takes.
import { basename } from 'node:path'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import { z } from 'zod'
import { normalizeAddress } from '../../mime/index.js'
import { readRange, scanLines } from './file-lines.js'
import { HistoryError, type HistoryEntry } from './types.js'

const party = z.looseObject({
  address: z.string(),
  name: z.string().nullish(),
})

const sendSchema = z.looseObject({
  from: z.string().min(1, 'must be the sender address'),
  from_name: z.string().nullish(),
  to: z.array(party).default([]),
  cc: z.array(party).default([]),
  bcc: z.array(party).default([]),
  date: z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date',
  }),
  subject: z.string().nullish(),
  body: z.string().nullish(),
  attachments: z
    .array(z.looseObject({ name: z.string().nullish(), size: z.number().int().min(0) }))
    .default([]),
  message_id: z.string().nullish(),
})

export type SendRecord = z.infer<typeof sendSchema>

/**
 * A placeholder attachment larger than this is cut to it. The corpus's largest is 2.3 MB;
 * 16 MiB is the extractor's text budget per message, beyond which content is not read anyway.
 */
const MAX_PLACEHOLDER_BYTES = 16 * 1024 * 1024

/** Every send of a JSONL file, validated up front so that a bad line stops before any work. */
export function readJsonlSends(path: string): HistoryEntry[] {
  const name = basename(path)
  const entries: HistoryEntry[] = []
  let lineNumber = 0
  scanLines(path, (line) => {
    lineNumber++
    const text = readRange(path, line.start, line.end).toString('utf8')
    if (text.trim() === '') return

    const record = parseSend(text, `${name} line ${lineNumber}`)
    const origin = `${name} line ${lineNumber}`
    entries.push({
      origin,
      messageId: record.message_id ?? origin,
      at: new Date(record.date),
      load: async () => {
        const again = parseSend(readRange(path, line.start, line.end).toString('utf8'), origin)
        return composeSend(again)
      },
    })
  })
  return entries
}

function parseSend(text: string, where: string): SendRecord {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // The parser's own message quotes the line; the operator needs only where it is.
    throw new HistoryError(`${where}: not valid JSON`)
  }
  const result = sendSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') ?? ''
    throw new HistoryError(`${where}: ${field === '' ? '' : `${field}: `}${issue?.message ?? ''}`)
  }
  return result.data
}

/**
 * The send as a message. Recipients without a mailbox (a bare name, an X.500 id) are left out
 * and counted. Bcc recipients are in the envelope only, as at the relay.
 *
 * Attachments are recorded by name and size only, so each becomes a neutral text placeholder
 * of the recorded size, named `<name>.txt` so that the type check does not report a PDF that
 * is not one: volume habits see the true sizes, findings come from the text alone.
 */
export async function composeSend(record: SendRecord) {
  let skipped = 0
  const mailboxes = (parties: SendRecord['to']) =>
    parties.flatMap((entry) => {
      const address = normalizeAddress(entry.address.trim())
      if (address === undefined) {
        skipped++
        return []
      }
      return [{ name: entry.name ?? '', address: address.address }]
    })
  const to = mailboxes(record.to)
  const cc = mailboxes(record.cc)
  const bcc = mailboxes(record.bcc)

  const composer = new MailComposer({
    from: { name: record.from_name ?? '', address: record.from },
    to,
    cc,
    subject: record.subject ?? '',
    text: record.body ?? '',
    date: new Date(record.date),
    attachments: record.attachments.map((attachment, index) => ({
      filename: `${attachment.name ?? `attachment-${index + 1}`}.txt`,
      contentType: 'text/plain; charset=us-ascii',
      content: placeholder(Math.min(attachment.size, MAX_PLACEHOLDER_BYTES)),
    })),
  })
  const raw = await composer.compile().build()
  return {
    raw,
    envelope: {
      mailFrom: record.from,
      rcptTo: uniqueAddresses([...to, ...cc, ...bcc].map((entry) => entry.address)),
      clientAddress: '',
      heloName: 'replay',
      tls: false,
    },
    skippedRecipients: skipped,
  }
}

const FILLER = 'placeholder text for an attachment recorded by name and size only\n'

function placeholder(size: number): Buffer {
  return Buffer.from(FILLER.repeat(Math.ceil(size / FILLER.length)).slice(0, size), 'ascii')
}

function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>()
  return addresses.filter((address) => {
    const key = address.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

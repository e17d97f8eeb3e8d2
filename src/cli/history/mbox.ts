// mbox files: messages separated by `From ` lines (RFC 4155). Indexed by byte range, so a
// large mailbox is never read whole; each message is read again when it is replayed.
import { basename } from 'node:path'
import { readRange, scanLines } from './file-lines.js'
import { dateOf, envelopeOf, headOf, messageIdOf, parseDate } from './message-head.js'
import type { HistoryEntry } from './types.js'

const SEPARATOR = Buffer.from('From ')

/**
 * Every message of an mbox file. The time is the Date header, or else the date on the `From `
 * line, or else `fallback` (the file's modification time).
 */
export function readMbox(path: string, fallback: Date): HistoryEntry[] {
  const ranges: { start: number; end: number }[] = []
  scanLines(path, (line) => {
    if (line.prefix.subarray(0, SEPARATOR.length).equals(SEPARATOR)) {
      ranges.push({ start: line.start, end: line.end })
      return
    }
    const last = ranges[ranges.length - 1]
    if (last !== undefined) last.end = line.end
  })

  const name = basename(path)
  return ranges.map((range, index) => {
    const bytes = readRange(path, range.start, Math.min(range.end, range.start + (1 << 20)))
    const separatorEnd = bytes.indexOf(0x0a) + 1
    const fromLine = bytes.subarray(0, separatorEnd).toString('latin1')
    const head = headOf(bytes.subarray(separatorEnd))
    const origin = `${name} message ${index + 1}`
    return {
      origin,
      messageId: messageIdOf(head) ?? origin,
      at: dateOf(head) ?? fromLineDate(fromLine) ?? fallback,
      load: async () => {
        const whole = readRange(path, range.start, range.end)
        const raw = unescapeFromLines(whole.subarray(whole.indexOf(0x0a) + 1))
        const { envelope, skipped } = await envelopeOf(raw)
        return { raw, envelope, skippedRecipients: skipped }
      },
    }
  })
}

/** `From alice@example.com Tue Jan  2 10:00:00 2024` → that time (asctime, read as UTC). */
function fromLineDate(line: string): Date | undefined {
  const match = /([A-Z][a-z]{2}) +(\d{1,2}) +(\d{1,2}:\d{2}(?::\d{2})?) +(\d{4})/.exec(line)
  if (match === null) return undefined
  const [, month, day, time, year] = match
  return parseDate(`${day} ${month} ${year} ${time} +0000`)
}

/** mboxrd quoting: a body line `>From ` (any number of `>`) was written with one `>` more. */
function unescapeFromLines(raw: Buffer): Buffer {
  const text = raw.toString('latin1')
  if (!/^>+From /m.test(text)) return raw
  return Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1')
}

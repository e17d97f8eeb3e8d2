// Reads a sent-mail history from the paths an operator gives: mbox files, maildirs, folders of
// message files (.eml and the like) and JSONL files of sends, in any mix, sorted by time.
import { readdirSync, statSync, type Stats } from 'node:fs'
import { join, relative } from 'node:path'
import { readRange } from './file-lines.js'
import { readJsonlSends } from './jsonl-sends.js'
import { readMbox } from './mbox.js'
import { dateOf, envelopeOf, headOf, looksLikeMessage, messageIdOf } from './message-head.js'
import { HistoryError, type History, type HistoryEntry, type HistoryNote } from './types.js'

export type { History, HistoryEntry, HistoryMessage, HistoryNote } from './types.js'
export { HistoryError } from './types.js'

type Format = 'jsonl' | 'mbox' | 'message'

/**
 * Indexes every send under `paths`. A path that does not exist or a file of no known format
 * is an error; inside a folder, files that are not messages are skipped and noted.
 *
 * @example
 * const { entries } = readHistory(['Sent.mbox', 'sends.jsonl'])
 * for (const entry of entries) await replay(await entry.load())
 */
export function readHistory(paths: readonly string[]): History {
  const entries: HistoryEntry[] = []
  const notes: HistoryNote[] = []
  for (const path of paths) {
    const stats = statOrFail(path)
    if (stats.isDirectory()) appendAll(entries, readFolder(path, notes))
    else appendAll(entries, readFile(path, stats, formatOrFail(path)))
  }

  // Array.prototype.sort is stable, so sends with equal times keep the order they were read in.
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime())
  return { entries: sorted, notes }
}

function statOrFail(path: string): Stats {
  try {
    return statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? 'unknown error'})`
    throw new HistoryError(`${path}: ${why}`)
  }
}

function formatOrFail(path: string): Format {
  const format = formatOf(path)
  if (format === undefined) {
    throw new HistoryError(
      `${path}: unknown format (expected an mbox file, a maildir, a folder of messages, ` +
        'a message file or JSON lines of sends)',
    )
  }
  return format
}

/** Decided from the first bytes, not the name: corpora name files .txt, .raw or nothing. */
function formatOf(path: string): Format | undefined {
  let start: Buffer
  try {
    start = readRange(path, 0, 4096)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new HistoryError(`${path}: cannot be read (${code})`)
  }
  const text = start.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
  if (/^\s*\{/.test(text)) return 'jsonl'
  if (text.startsWith('From ')) return 'mbox'
  if (looksLikeMessage(start)) return 'message'
  return undefined
}

function readFile(path: string, stats: Stats, format: Format): HistoryEntry[] {
  switch (format) {
    case 'jsonl':
      return readJsonlSends(path)
    case 'mbox':
      return readMbox(path, stats.mtime)
    case 'message':
      return [readMessageFile(path, path, maildirTime(path) ?? stats.mtime)]
  }
}

/**
 * A maildir (a folder with `cur` or `new`) reads those two; any other folder is read
 * recursively, each file by its own format. Hidden files are skipped.
 */
function readFolder(root: string, notes: HistoryNote[]): HistoryEntry[] {
  const isMaildir = ['cur', 'new'].some((sub) => isDirectory(join(root, sub)))
  const files = isMaildir
    ? ['cur', 'new'].flatMap((sub) => listFiles(join(root, sub), false))
    : listFiles(root, true)

  const entries: HistoryEntry[] = []
  for (const file of files) {
    const format = formatOf(file)
    if (format === undefined) {
      notes.push({ origin: relative(root, file), problem: 'not a message; skipped' })
      continue
    }
    appendAll(entries, readFile(file, statSync(file), format))
  }
  return entries
}

function listFiles(folder: string, recursive: boolean): string[] {
  if (!isDirectory(folder)) return []
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return names.flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return recursive ? listFiles(path, true) : []
    return entry.isFile() ? [path] : []
  })
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    // Missing is the common answer here (a folder without `new`), not a fault.
    return false
  }
}

function readMessageFile(path: string, origin: string, fallback: Date): HistoryEntry {
  const head = headOf(readRange(path, 0, 1 << 20))
  return {
    origin,
    messageId: messageIdOf(head) ?? origin,
    at: dateOf(head) ?? fallback,
    load: async () => {
      const raw = readRange(path, 0, statSync(path).size)
      const { envelope, skipped } = await envelopeOf(raw)
      return { raw, envelope, skippedRecipients: skipped }
    },
  }
}

/** Maildir file names start with the delivery time in seconds: `1700000000.M1P2.host:2,S`. */
function maildirTime(path: string): Date | undefined {
  const match = /(?:^|\/)(\d{9,11})\.[^/]*$/.exec(path)
  return match?.[1] === undefined ? undefined : new Date(Number(match[1]) * 1000)
}

/** `target.push(...items)` for any length: an mbox of 200,000 sends is more arguments than a call takes. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item)
}

// Boilerplate in a message body: quoted reply history, signatures and legal disclaimers.
// Findings inside them are still reported but marked, so policy can discount the sender's
// own phone number in a signature or a card number that was already in the thread.
import { hintWords } from './recognizer.js'
import type { Boilerplate } from './types.js'

export interface BoilerplateRegion {
  readonly kind: Boilerplate
  readonly start: number
  readonly end: number
}

interface Line {
  readonly start: number
  readonly end: number
  readonly text: string
}

// Reply headers written by mail clients above the quoted message (English, German,
// French, Spanish, Italian, Dutch), and forwarded/original-message separators.
const REPLY_HEADER =
  /^\s{0,8}(?:On .{1,200} wrote:|Am .{1,200} schrieb .{1,200}:|Le .{1,200} a écrit ?:|El .{1,200} escribió:|Il giorno .{1,200} ha scritto:|Op .{1,200} schreef .{1,200}:|-{2,} ?(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Forwarded message|Weitergeleitete Nachricht) ?-{2,})\s{0,8}$/i
// Outlook's header block: "From: …" followed within three lines by "Sent: …".
const OUTLOOK_FROM = /^\s{0,8}\*?(?:From|Von|De|Da|Van)\s?\*?:\s?\S/
const OUTLOOK_SENT =
  /^\s{0,8}\*?(?:Sent|Gesendet|Envoyé|Enviado|Inviato|Verzonden|Date|Datum)\s?\*?:\s?\S/
const QUOTED_LINE = /^\s{0,8}>/
// RFC 3676 §4.3: the signature separator is "-- " on its own line (often sent without
// the trailing space).
const SIG_SEPARATOR = /^-- ?$/
const CLOSING =
  /^\s{0,8}(?:(?:best|kind|warm|warmest) regards|regards|best|thanks|thank you|many thanks|cheers|sincerely|yours sincerely|yours faithfully|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße|beste grüße|freundliche grüße|liebe grüße|cordialement|bien à vous|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet)[,.!]?\s{0,8}$/i
// Phrases of legal disclaimers; words may be split by up to eight white-space characters,
// line breaks included, so one pass over the whole text finds them.
const DISCLAIMER_PHRASES =
  /intended (?:solely )?for the (?:use of the )?(?:addressee|recipient|individual)|if you (?:are not|have received this) (?:the intended recipient|(?:e-?mail|message) in error)|this (?:e-?mail|message)(?: and any attachments?)? (?:is|are|may be|contains?) (?:confidential|privileged)|diese (?:e-?mail|nachricht) (?:enthält|ist) vertraulich|wenn sie nicht der richtige adressat|ce (?:message|courriel)(?: et toutes les pièces jointes)? (?:est|sont) (?:confidentiel|établis)|este (?:mensaje|correo) (?:es|contiene) (?:confidencial|información confidencial)/
const DISCLAIMER = new RegExp(DISCLAIMER_PHRASES.source.replace(/ /g, '\\s{1,8}'), 'gi')
// Every phrase holds one of these (in its own letters of either case: a pattern letter of
// the ASCII range matches no other letter without the u flag), so a text without any has no
// disclaimer. The shared hint pass finds them: the phrases over every text with a finding
// cost about as much as the rest of this module together.
const DISCLAIMER_WORDS = hintWords([
  'intended',
  'error',
  'confidenti',
  'confidenc',
  'privileged',
  'vertraulich',
  'adressat',
  'tablis',
])

/** Whether any of `words` (lower case) occurs in the text. */
export type MentionsAny = (words: readonly string[]) => boolean

// A signature rarely runs past a dozen lines; stopping there keeps a long message that
// merely contains "Thanks" on a line from being marked whole.
const MAX_SIGNATURE_LINES = 12

function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0

  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    const textEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
    lines.push({ start, end, text: text.slice(start, textEnd) })
    if (nl === -1) break
    start = nl + 1
  }

  return lines
}

function findQuoted(lines: readonly Line[], textEnd: number, out: BoilerplateRegion[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === undefined) continue

    const isOutlook =
      OUTLOOK_FROM.test(line.text) &&
      lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l.text))
    if (REPLY_HEADER.test(line.text) || isOutlook) {
      out.push({ kind: 'quoted-reply', start: line.start, end: textEnd })
      return i
    }

    if (!QUOTED_LINE.test(line.text)) continue

    let last = i
    while (QUOTED_LINE.test(lines[last + 1]?.text ?? '')) last++
    out.push({ kind: 'quoted-reply', start: line.start, end: lines[last]?.end ?? line.end })
    i = last
  }

  return lines.length
}

function findSignature(lines: readonly Line[], stop: number, out: BoilerplateRegion[]): void {
  for (let i = 0; i < stop; i++) {
    const text = lines[i]?.text ?? ''
    const isSeparator = SIG_SEPARATOR.test(text)
    if (!isSeparator && !CLOSING.test(text)) continue

    const from = isSeparator ? i + 1 : i
    const last = Math.min(stop, from + MAX_SIGNATURE_LINES) - 1
    const start = lines[from]?.start
    const end = lines[last]?.end
    if (start !== undefined && end !== undefined && end > start) {
      out.push({ kind: 'signature', start, end })
    }
    return
  }
}

/** Index of the line holding `offset` (lines are in order and cover the text). */
function lineIndexAt(lines: readonly Line[], offset: number): number {
  let lo = 0
  let hi = lines.length - 1

  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((lines[mid]?.start ?? 0) <= offset) lo = mid
    else hi = mid - 1
  }

  return lo
}

const isBlank = (line: Line | undefined): boolean => line === undefined || line.text.trim() === ''

// The paragraph (lines between blank lines) around each disclaimer phrase is the disclaimer.
function findDisclaimers(
  text: string,
  lines: readonly Line[],
  mentions: MentionsAny,
  out: BoilerplateRegion[],
): void {
  if (!mentions(DISCLAIMER_WORDS)) return
  let markedUpTo = -1

  for (const m of text.matchAll(DISCLAIMER)) {
    if (m.index < markedUpTo) continue

    let first = lineIndexAt(lines, m.index)
    while (first > 0 && !isBlank(lines[first - 1])) first--
    let last = lineIndexAt(lines, m.index + m[0].length - 1)
    while (last < lines.length - 1 && !isBlank(lines[last + 1])) last++

    const start = lines[first]?.start ?? 0
    const end = lines[last]?.end ?? text.length
    out.push({ kind: 'disclaimer', start, end })
    markedUpTo = end
  }
}

/**
 * Quoted-reply, signature and disclaimer regions of a plain-text body, in text offsets.
 * `mentions` may answer from a scan's hint pass (detect-all.ts); by default it searches.
 */
export function findBoilerplate(
  text: string,
  mentions: MentionsAny = (words) => words.some((w) => text.toLowerCase().includes(w)),
): BoilerplateRegion[] {
  const lines = splitLines(text)
  const regions: BoilerplateRegion[] = []

  const quoteLine = findQuoted(lines, text.length, regions)
  findSignature(lines, quoteLine, regions)
  findDisclaimers(text, lines, mentions, regions)

  return regions
}

// Quoted history first: a signature inside a quoted reply is still the old message.
const PRIORITY: readonly Boilerplate[] = ['quoted-reply', 'disclaimer', 'signature']

/** Sorted, merged intervals of one kind. */
function mergedIntervals(regions: readonly BoilerplateRegion[], kind: Boilerplate): number[][] {
  const sorted = regions
    .filter((r) => r.kind === kind && r.end > r.start)
    .map((r) => [r.start, r.end])
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
  const merged: number[][] = []

  for (const interval of sorted) {
    const last = merged[merged.length - 1]
    const [start = 0, end = 0] = interval
    if (last !== undefined && start <= (last[1] ?? 0)) last[1] = Math.max(last[1] ?? 0, end)
    else merged.push([start, end])
  }

  return merged
}

function isInside(intervals: readonly number[][], offset: number): boolean {
  let lo = 0
  let hi = intervals.length - 1

  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [start = 0, end = 0] = intervals[mid] ?? []
    if (offset < start) hi = mid - 1
    else if (offset >= end) lo = mid + 1
    else return true
  }

  return false
}

/**
 * A lookup of the boilerplate kind covering an offset, quoted history first. Built once per
 * text: a finding's lookup is a binary search, however many quoted blocks the text has.
 */
export function boilerplateIndex(
  regions: readonly BoilerplateRegion[],
): (offset: number) => Boilerplate | undefined {
  const byKind = PRIORITY.map((kind) => [kind, mergedIntervals(regions, kind)] as const)

  return (offset) => byKind.find(([, intervals]) => isInside(intervals, offset))?.[0]
}

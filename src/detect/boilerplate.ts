// Boilerplate in a message body: quoted reply history, signatures and legal disclaimers.
// Findings inside them are still reported but marked, so policy can discount the sender's
// own phone number in a signature or a card number that was already in the thread.
import { append } from './append.js'
import { hintWords } from './recognizer.js'
import type { Boilerplate } from './types.js'

export interface BoilerplateRegion {
  readonly kind: Boilerplate
  readonly start: number
  readonly end: number
}

// A line's text is sliced only when a pattern is tried on it (lineText): most lines are
// ruled out by their first character, and a slice per line was a fifth of this module.
interface Line {
  /** The whole text the line is in. */
  readonly source: string
  readonly start: number
  readonly end: number
  /** Where the line's text ends: `end`, or before a carriage return there. */
  readonly textEnd: number
  /** The line's first character after ASCII white space, among its first nine (LEAD_NONE). */
  readonly lead: number
  /** Where `lead` is in the line's text. */
  readonly leadAt: number
}

/** The line without its line break. */
export function lineText(line: Line): string {
  return line.source.slice(line.start, line.textEnd)
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

// A plain search of the text lower-cased once, for callers without a scan's hint pass.
function searchIn(text: string): MentionsAny {
  let lower: string | undefined
  return (words) => {
    lower ??= text.toLowerCase()
    const found = lower
    return words.some((w) => found.includes(w))
  }
}

// A signature rarely runs past a dozen lines; stopping there keeps a long message that
// merely contains "Thanks" on a line from being marked whole.
const MAX_SIGNATURE_LINES = 12

// Every line pattern begins with at most eight white-space characters and then a character
// that is not white space, so the first character after ASCII white space among a line's
// first nine says which patterns may match it: cheap tests in front of the patterns, which
// cost some 18 ns a line each however short the line (a few times more than the tests). A
// character past ASCII might be white space (U+00A0): such a lead lets every pattern run.
const LEAD_NONE = -1
const LEAD_SPAN = 9
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13)

// Where the lead is in a line: its offset, or where the line's first nine characters end.
function leadAtOf(text: string, start: number, textEnd: number): number {
  const limit = Math.min(textEnd, start + LEAD_SPAN)
  let i = start
  while (i < limit && isAsciiSpace(text.charCodeAt(i))) i++
  return i - start
}

const codes = (chars: string): ReadonlySet<number> =>
  new Set([...chars].map((c) => c.charCodeAt(0)))
const isUnknown = (lead: number): boolean => lead >= 128

const QUOTE_LEADS = codes('>')
const FROM_LEADS = codes('*FVD')
// REPLY_HEADER (case-insensitive; a pattern letter of the ASCII range matches no other
// letter without the u flag): "On ", "Am ", "Le ", "El ", "Il ", "Op " or dashes.
const REPLY_LEADS = codes('oOaAlLeEiI-')
const REPLY_OPENINGS = new Set(
  ['on', 'am', 'le', 'el', 'il', 'op'].map((w) => (w.charCodeAt(0) << 8) | w.charCodeAt(1)),
)
// CLOSING, case-insensitive: the first letters of its phrases, and its longest line: eight
// white-space characters, "mit freundlichen grüssen" (24), a comma, eight more.
const CLOSING_LEADS = codes('bkwrtmcsyvfluadBKWRTMCSYVFLUAD')
const CLOSING_MAX_LINE = 8 + 24 + 1 + 8

export function mayBeQuoted(line: Line): boolean {
  return QUOTE_LEADS.has(line.lead) || isUnknown(line.lead)
}

export function mayBeOutlookFrom(line: Line): boolean {
  return FROM_LEADS.has(line.lead) || isUnknown(line.lead)
}

export function mayBeReplyHeader(line: Line): boolean {
  if (isUnknown(line.lead)) return true
  if (!REPLY_LEADS.has(line.lead)) return false
  if (line.lead === 45) return true

  // Letters in lower case by one bit: c | 32 is "n" only for "n" and "N".
  const { source: text } = line
  const at = line.start + line.leadAt
  const pair = ((text.charCodeAt(at) | 32) << 8) | (text.charCodeAt(at + 1) | 32)
  return text.charCodeAt(at + 2) === 32 && REPLY_OPENINGS.has(pair)
}

export function mayBeClosing(line: Line): boolean {
  if (line.textEnd - line.start > CLOSING_MAX_LINE) return false
  return CLOSING_LEADS.has(line.lead) || isUnknown(line.lead)
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0

  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    const textEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
    const leadAt = leadAtOf(text, start, textEnd)
    const hasLead = leadAt < LEAD_SPAN && start + leadAt < textEnd
    const lead = hasLead ? text.charCodeAt(start + leadAt) : LEAD_NONE
    append(lines, { source: text, start, end, textEnd, lead, leadAt })
    if (nl === -1) break
    start = nl + 1
  }

  return lines
}

const isQuoted = (line: Line | undefined): boolean =>
  line !== undefined && mayBeQuoted(line) && QUOTED_LINE.test(lineText(line))

function findQuoted(lines: readonly Line[], textEnd: number, out: BoilerplateRegion[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === undefined) continue

    const isOutlook =
      mayBeOutlookFrom(line) &&
      OUTLOOK_FROM.test(lineText(line)) &&
      lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(lineText(l)))
    if ((mayBeReplyHeader(line) && REPLY_HEADER.test(lineText(line))) || isOutlook) {
      out.push({ kind: 'quoted-reply', start: line.start, end: textEnd })
      return i
    }

    if (!mayBeQuoted(line) || !QUOTED_LINE.test(lineText(line))) continue

    let last = i
    while (isQuoted(lines[last + 1])) last++
    out.push({ kind: 'quoted-reply', start: line.start, end: lines[last]?.end ?? line.end })
    i = last
  }

  return lines.length
}

function findSignature(lines: readonly Line[], stop: number, out: BoilerplateRegion[]): void {
  for (let i = 0; i < stop; i++) {
    const line = lines[i]
    if (line === undefined) continue
    const isSeparator = line.lead === 45 && SIG_SEPARATOR.test(lineText(line))
    if (!isSeparator && !(mayBeClosing(line) && CLOSING.test(lineText(line)))) continue

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

const isBlank = (line: Line | undefined): boolean =>
  line === undefined || lineText(line).trim() === ''

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
  mentions: MentionsAny = searchIn(text),
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

// What a recognizer is: a named matcher for one category that turns scan text into candidate
// findings with a confidence. detect-all.ts runs them, maps offsets back and masks values.
import { append } from './append.js'
import type { Category } from './categories.js'
import { NO_NEEDS, type DigitNeeds, type TokenLengths } from './pattern-shape.js'
import type { ScanSettings } from './scan-settings.js'
import type { Evidence, TextSource } from './types.js'

export type { Evidence } from './types.js'

/** A stretch of scan text around digits; numeric recognizers only look inside these. */
export interface DigitWindow {
  readonly start: number
  readonly text: string
  /** How many digits 0-9 the window's text holds, and its longest run of them. */
  readonly digits: number
  readonly longestRun: number
}

/** Normalised text of one source, plus shared pre-computed views of it. */
export interface ScanInput {
  readonly text: string
  readonly origin: TextSource['origin']
  readonly windows: readonly DigitWindow[]
  /** Per-scan cache so recognizers can share work (e.g. card numbers for CVV). */
  readonly memo: Map<string, unknown>
  readonly settings: ScanSettings
  /**
   * Cache shared by every text of one detectAll call (one message): a text part and its HTML
   * alternative hold the same numbers. Only for verdicts that depend on the value alone.
   */
  readonly shared?: Map<string, unknown> | undefined
  /**
   * The confidence below which the caller drops a candidate (detectAll's floor); absent, 0.
   * A recognizer may skip work that can only yield candidates under it.
   */
  readonly floor?: number | undefined
  /** URLs and Message-IDs of the text (link-regions.ts), where scanText down-ranks matches. */
  readonly links?: readonly (readonly [number, number])[] | undefined
}

/** One match in scan-text offsets; `value` is the compact value used for the fingerprint. */
export interface Candidate {
  readonly start: number
  readonly end: number
  readonly value: string
  readonly confidence: number
  readonly evidence: Evidence
  /** True when a context word of the category, or the keyword the match hangs on, is near. */
  readonly hasContext?: boolean | undefined
  /** Masked sample; when absent detect-all masks the matched text itself. */
  readonly masked?: string | undefined
}

export interface Recognizer {
  readonly name: string
  readonly category: Category
  find(input: ScanInput): Candidate[]
}

/** Token boundaries: no letter or digit may touch a match (shared/pii/categories.md rule). */
export const BEFORE = '(?<![A-Za-z0-9])'
export const AFTER = '(?![A-Za-z0-9])'

/** A pattern whose every match is one whole token, with the lengths that token may have. */
export interface TokenPattern {
  readonly lengths: TokenLengths
  /** The same pattern, sticky: tried exactly at one token's start. */
  readonly sticky: RegExp
}

/**
 * Where a pattern may match: `seek` (global) matches at every place the pattern matches, and
 * the pattern, sticky, is tried only there. For a pattern that begins with look-arounds,
 * which V8 tries at every position without skipping ahead (IBAN: five times slower than
 * finding its two letters and two digits first).
 */
export interface SeekPattern {
  readonly seek: RegExp
  readonly sticky: RegExp
}

/**
 * Runs a global regex over the digit windows (scope 'digits') or the whole text ('all') and
 * calls `onMatch` with the match and the offset to add to its index. Windows with fewer
 * digits than `needs` says every match holds (pattern-shape.ts) are skipped: no match there.
 * With `tokens`, the pattern is tried only at the starts of tokens of its lengths: the same
 * matches as the scan, since each is a whole token and tokens do not overlap. With `seek`,
 * it is tried only where `seek.seek` matches (seekMatchesIn).
 */
export function eachMatch(
  input: ScanInput,
  pattern: RegExp,
  scope: 'digits' | 'all',
  onMatch: (match: RegExpExecArray, offset: number) => void,
  needs: DigitNeeds = NO_NEEDS,
  tokens?: TokenPattern,
  seek?: SeekPattern,
): void {
  if (scope === 'all') {
    if (seek === undefined) matchesIn(input.text, 0, pattern, onMatch)
    else seekMatchesIn(input.text, 0, seek, onMatch)
    return
  }

  // The token index holds long tokens only (TOKEN_FLOOR): a pattern of shorter ones scans.
  const isByToken = tokens !== undefined && tokens.lengths.min >= TOKEN_FLOOR

  input.windows.forEach((window, n) => {
    if (!canHold(window, needs)) return
    if (isByToken) tokenMatchesIn(window, tokenIndexOf(input, n), tokens, onMatch)
    else if (seek === undefined) matchesIn(window.text, window.start, pattern, onMatch)
    else seekMatchesIn(window.text, window.start, seek, onMatch)
  })
}

function matchesIn(
  text: string,
  offset: number,
  pattern: RegExp,
  onMatch: (match: RegExpExecArray, offset: number) => void,
): void {
  pattern.lastIndex = 0

  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    onMatch(m, offset)
    if (m[0].length === 0) pattern.lastIndex++
  }
}

// The matches matchesIn would find: each starts where `seek` matches, so the pattern is
// tried at those places in order, resuming past each match as the scan does (one place on
// after an empty match).
function seekMatchesIn(
  text: string,
  offset: number,
  { seek, sticky }: SeekPattern,
  onMatch: (match: RegExpExecArray, offset: number) => void,
): void {
  seek.lastIndex = 0

  for (let s = seek.exec(text); s !== null; s = seek.exec(text)) {
    sticky.lastIndex = s.index
    const m = sticky.exec(text)
    seek.lastIndex = m === null ? s.index + 1 : s.index + Math.max(m[0].length, 1)
    if (m !== null) onMatch(m, offset)
  }
}

/**
 * The shortest token a token pattern may need: shorter tokens (most words and numbers) are
 * left out of the token index, and a pattern whose tokens may be shorter scans as before.
 */
export const TOKEN_FLOOR = 8

/** Where the tokens of TOKEN_FLOOR or more letters and digits of one window start, and end. */
export interface TokenIndex {
  readonly starts: readonly number[]
  readonly ends: readonly number[]
}

// Letters and digits by UTF-16 code unit.
const IS_ALNUM = new Uint8Array(65536)
for (let c = 0; c < 128; c++) {
  IS_ALNUM[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0
}

// A token of TOKEN_FLOOR or more covers the character TOKEN_FLOOR − 1 ahead of where it may
// start, so when that one is not a letter or digit the pass jumps past it, as encoded-runs.ts
// does: about one look per TOKEN_FLOOR characters of prose (32 → 14 ms on the corpus windows
// against a look at every character; a native search for runs of eight or more retries
// inside every shorter run and is slower still).
export function buildTokenIndex(text: string): TokenIndex {
  const starts: number[] = []
  const ends: number[] = []
  const n = text.length
  // Invariant: `i` is 0 or follows a character that is no letter or digit.
  let i = 0

  while (i + TOKEN_FLOOR <= n) {
    const probe = i + TOKEN_FLOOR - 1
    if (IS_ALNUM[text.charCodeAt(probe)] === 0) {
      i = probe + 1
      continue
    }

    let start = probe
    while (start > i && IS_ALNUM[text.charCodeAt(start - 1)] === 1) start--
    let end = probe + 1
    while (end < n && IS_ALNUM[text.charCodeAt(end)] === 1) end++

    if (end - start >= TOKEN_FLOOR) {
      append(starts, start)
      append(ends, end)
    }
    i = end + 1
  }

  return { starts, ends }
}

// Built once per window and scan, shared by every token pattern.
function tokenIndexOf(input: ScanInput, windowNumber: number): TokenIndex {
  let indexes = input.memo.get('tokens') as (TokenIndex | undefined)[] | undefined
  if (indexes === undefined) {
    indexes = []
    input.memo.set('tokens', indexes)
  }

  let index = indexes[windowNumber]
  if (index === undefined) {
    index = buildTokenIndex(input.windows[windowNumber]?.text ?? '')
    indexes[windowNumber] = index
  }
  return index
}

function tokenMatchesIn(
  window: DigitWindow,
  index: TokenIndex,
  tokens: TokenPattern,
  onMatch: (match: RegExpExecArray, offset: number) => void,
): void {
  const { min, max } = tokens.lengths

  for (let k = 0; k < index.starts.length; k++) {
    const start = index.starts[k] ?? 0
    const length = (index.ends[k] ?? 0) - start
    if (length < min || length > max) continue

    tokens.sticky.lastIndex = start
    const m = tokens.sticky.exec(window.text)
    if (m !== null) onMatch(m, window.start)
  }
}

function canHold(window: DigitWindow, needs: DigitNeeds): boolean {
  return window.digits >= needs.digits && window.longestRun >= needs.run
}

/** What the lower-cased text and the hint pass need of a scan: its text and its memo. */
export type HintInput = Pick<ScanInput, 'text' | 'memo'>

/**
 * The scan text in lower case, computed once per scan, for cheap "is this word anywhere?"
 * tests before a costlier pattern runs. Only for such tests: lower-casing may change the
 * length of a few characters (U+0130), so its offsets are not the scan text's. The long s
 * is read as "s" too: it matches "s" under a pattern's `iu` flags (context words) but stays
 * itself in lower case, the only letter to do so; a hint with an "s" stands for both.
 */
export function lowerText(input: HintInput): string {
  const cached = input.memo.get('lower')
  if (typeof cached === 'string') return cached

  const folded = input.text.toLowerCase()
  const lower = folded.includes('ſ') ? folded.replaceAll('ſ', 's') : folded
  input.memo.set('lower', lower)
  return lower
}

// Words recognizers test with mentionsAny, registered by their modules as they load
// (hintWords). One pass of one pattern over the lower-cased text finds which of them occur,
// instead of one search of the whole text per word: a score of searches per text was the
// largest cost of these cheap tests.
const registeredHints = new Set<string>()
let hintScan: { pattern: RegExp; prefixes: Map<string, readonly string[]> } | undefined

/**
 * Registers `words` (lower case) as hints that mentionsAny finds in one shared pass; returns
 * them, for a module constant.
 *
 * @example const HINTS = hintWords(['private key', 'putty'])
 */
export function hintWords(words: readonly string[]): readonly string[] {
  for (const word of words) if (word !== '') registeredHints.add(word)
  hintScan = undefined
  return words
}

function buildHintScan(): NonNullable<typeof hintScan> {
  // Longest first, so at each position the longest hint there is the one matched; the
  // shorter hints starting at the same position are its prefixes, recorded with it.
  const words = [...registeredHints].sort((a, b) => b.length - a.length)
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  const prefixes = new Map(words.map((w) => [w, words.filter((p) => w.startsWith(p))] as const))
  return { pattern: new RegExp(escaped.join('|'), 'g'), prefixes }
}

/** The registered hints that occur in the scan text, found once per scan. */
function hintsIn(input: HintInput): ReadonlySet<string> {
  const cached = input.memo.get('hints')
  if (cached instanceof Set) return cached as ReadonlySet<string>

  hintScan ??= buildHintScan()
  const { pattern, prefixes } = hintScan
  const lower = lowerText(input)
  const found = new Set<string>()

  // Every position is tried (the search resumes one past each match's start), so hints that
  // overlap ("secretoken") are all found: the set is exactly the hints `lower` includes.
  pattern.lastIndex = 0
  for (let m = pattern.exec(lower); m !== null; m = pattern.exec(lower)) {
    for (const hint of prefixes.get(m[0]) ?? [m[0]]) found.add(hint)
    pattern.lastIndex = m.index + 1
  }

  input.memo.set('hints', found)
  return found
}

/** True when any of `words` (lower case) occurs anywhere in the scan text. */
export function mentionsAny(input: HintInput, words: readonly string[]): boolean {
  if (words.every((w) => registeredHints.has(w))) {
    const found = hintsIn(input)
    return words.some((w) => found.has(w))
  }

  const lower = lowerText(input)
  return words.some((w) => lower.includes(w))
}

/** Letters and digits of `raw`, upper-cased: the form validators and fingerprints use. */
export function compactValue(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase()
}

// What a recognizer is: a named matcher for one category that turns scan text into candidate
// findings with a confidence. detect-all.ts runs them, maps offsets back and masks values.
import type { Category } from './categories.js'
import type { ScanSettings } from './scan-settings.js'
import type { Evidence, TextSource } from './types.js'

export type { Evidence } from './types.js'

/** A stretch of scan text around digits; numeric recognizers only look inside these. */
export interface DigitWindow {
  readonly start: number
  readonly text: string
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

/**
 * Runs a global regex over the digit windows (scope 'digits') or the whole text ('all') and
 * calls `onMatch` with the match and the offset to add to its index.
 */
export function eachMatch(
  input: ScanInput,
  pattern: RegExp,
  scope: 'digits' | 'all',
  onMatch: (match: RegExpExecArray, offset: number) => void,
): void {
  const chunks = scope === 'all' ? [{ start: 0, text: input.text }] : input.windows

  for (const chunk of chunks) {
    pattern.lastIndex = 0

    for (let m = pattern.exec(chunk.text); m !== null; m = pattern.exec(chunk.text)) {
      onMatch(m, chunk.start)
      if (m[0].length === 0) pattern.lastIndex++
    }
  }
}

/**
 * The scan text in lower case, computed once per scan, for cheap "is this word anywhere?"
 * tests before a costlier pattern runs. Only for such tests: lower-casing may change the
 * length of a few characters (U+0130), so its offsets are not the scan text's.
 */
export function lowerText(input: ScanInput): string {
  const cached = input.memo.get('lower')
  if (typeof cached === 'string') return cached

  const lower = input.text.toLowerCase()
  input.memo.set('lower', lower)
  return lower
}

/** True when any of `words` (lower case) occurs anywhere in the scan text. */
export function mentionsAny(input: ScanInput, words: readonly string[]): boolean {
  const lower = lowerText(input)
  return words.some((w) => lower.includes(w))
}

/** Letters and digits of `raw`, upper-cased: the form validators and fingerprints use. */
export function compactValue(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase()
}

// Numeric recognizers only need to look near digits. Cutting the text into windows around
// digit runs keeps the forty-odd numeric patterns off ordinary prose, which is most of mail.
import { append } from './append.js'
import type { DigitWindow } from './recognizer.js'

// Padding around a digit: the longest letter prefix a numeric pattern needs before its first
// digit (IBAN country code, "MORGA" in a UK licence, an IT fiscal code's six letters) plus
// margin. Windows closer than twice this are merged.
const PAD = 40
// How far a window edge may move to avoid cutting a token in two.
const MAX_SNAP = 64

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

// Runs of digits, found natively: several times faster than testing every character in JS.
const DIGIT_RUN = /\d+/g

/** The digit runs of a text, in order: run k is [starts[k], ends[k]). */
interface DigitRuns {
  readonly starts: number[]
  readonly ends: number[]
}

/** Windows of `text` that contain every digit with PAD characters either side. */
export function findDigitWindows(text: string): DigitWindow[] {
  const runs: DigitRuns = { starts: [], ends: [] }
  DIGIT_RUN.lastIndex = 0
  for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
    append(runs.starts, m.index)
    append(runs.ends, m.index + m[0].length)
  }

  const windows: DigitWindow[] = []
  const count = runs.starts.length
  let first = 0

  for (let k = 1; k <= count; k++) {
    const isGap = k === count || (runs.starts[k] ?? 0) - ((runs.ends[k - 1] ?? 0) - 1) > 2 * PAD
    if (!isGap) continue

    append(windows, windowOf(text, runs, first, k - 1))
    first = k
  }

  return windows
}

// The window around runs first..last. Its digits are counted from the runs it overlaps (its
// edges may reach into a neighbour's runs, or cut one): the same as counting in its text.
function windowOf(text: string, runs: DigitRuns, first: number, last: number): DigitWindow {
  const { starts, ends } = runs
  let start = Math.max(0, (starts[first] ?? 0) - PAD)
  let end = Math.min(text.length, (ends[last] ?? 0) + PAD)

  const minStart = Math.max(0, start - MAX_SNAP)
  while (start > minStart && isAlnum(text.charCodeAt(start - 1))) start--

  const maxEnd = Math.min(text.length, end + MAX_SNAP)
  while (end < maxEnd && isAlnum(text.charCodeAt(end))) end++

  let lo = first
  while (lo > 0 && (ends[lo - 1] ?? 0) > start) lo--
  let hi = last
  while (hi + 1 < starts.length && (starts[hi + 1] ?? 0) < end) hi++

  let digits = 0
  let longestRun = 0
  for (let k = lo; k <= hi; k++) {
    const length = Math.min(end, ends[k] ?? 0) - Math.max(start, starts[k] ?? 0)
    digits += length
    longestRun = Math.max(longestRun, length)
  }

  return { start, text: text.slice(start, end), digits, longestRun }
}

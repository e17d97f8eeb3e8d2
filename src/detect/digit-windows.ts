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
// The same, for counting the digits of one window (DIGIT_RUN's position is in use then).
const WINDOW_DIGIT_RUN = /\d+/g

/** Windows of `text` that contain every digit with PAD characters either side. */
export function findDigitWindows(text: string): DigitWindow[] {
  const windows: DigitWindow[] = []
  let open = -1
  let last = -1

  DIGIT_RUN.lastIndex = 0
  for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
    if (open !== -1 && m.index - last > 2 * PAD) {
      append(windows, windowOf(text, open, last))
      open = -1
    }

    if (open === -1) open = m.index
    last = m.index + m[0].length - 1
  }

  if (open !== -1) append(windows, windowOf(text, open, last))
  return windows
}

function windowOf(text: string, firstDigit: number, lastDigit: number): DigitWindow {
  let start = Math.max(0, firstDigit - PAD)
  let end = Math.min(text.length, lastDigit + 1 + PAD)

  const minStart = Math.max(0, start - MAX_SNAP)
  while (start > minStart && isAlnum(text.charCodeAt(start - 1))) start--

  const maxEnd = Math.min(text.length, end + MAX_SNAP)
  while (end < maxEnd && isAlnum(text.charCodeAt(end))) end++

  const windowText = text.slice(start, end)
  let digits = 0
  let longestRun = 0
  WINDOW_DIGIT_RUN.lastIndex = 0
  for (
    let m = WINDOW_DIGIT_RUN.exec(windowText);
    m !== null;
    m = WINDOW_DIGIT_RUN.exec(windowText)
  ) {
    digits += m[0].length
    longestRun = Math.max(longestRun, m[0].length)
  }

  return { start, text: windowText, digits, longestRun }
}

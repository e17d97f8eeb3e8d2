// Adversarial inputs for bench-detect.ts: texts built to make pattern matching backtrack or
// recognizers compare everything with everything. Each one repeats a unit to a given length,
// so the bench can compare the time at n and at 4n characters.
import type { TextSource } from '../src/detect/index.js'

export interface AdversarialInput {
  readonly name: string
  readonly origin: TextSource['origin']
  readonly make: (length: number) => string
}

function repeat(unit: string): (length: number) => string {
  return (length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)
}

// Twelve CSV rows with contact data, then a gap: many small tables in one text.
const TABLE = `${Array.from({ length: 12 }, (_, i) => `n${i},u${i}@ex.com,+44 20 7946 09${10 + i}`).join('\n')}\n\n\n`

export function adversarialInputs(): AdversarialInput[] {
  const plain = (name: string, unit: string): AdversarialInput => ({
    name,
    origin: 'body-text',
    make: repeat(unit),
  })
  const html = (name: string, unit: string): AdversarialInput => ({
    name,
    origin: 'body-html',
    make: repeat(unit),
  })

  return [
    plain('one run of digits', '1234567890'),
    plain('digit groups with spaces', '4111 '),
    plain('digit groups with dashes', '12-34-'),
    plain('dots', '.'),
    plain('digits and dots', '1.2.3.4.'),
    plain('separators only', '- / . '),
    plain('near-miss cards (Luhn off)', '4111 1111 1111 1112 '),
    plain('near-miss IBANs', 'GB82 WEST 1234 5698 7654 33 '),
    plain('capitals and digits', 'AB12CD34EF56 '),
    plain('key-id prefixes', 'AKIAAAAAAAAAAAAAAAA '),
    plain('secret keywords', 'password: token= secret: '),
    plain('JWT prefixes', 'eyJ.eyJ.'),
    plain('unterminated key blocks', '-----BEGIN PRIVATE KEY-----\nMIIE'),
    plain('one long base64 run', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTEx'),
    plain('one long hex run', '41414141'),
    plain('at signs', 'a@b.'),
    plain('capitalised words', 'Dear John Smith Mr Brown '),
    plain('quoted lines', '> Thanks\n'),
    plain('many small tables', TABLE),
    plain('zero-width characters', '4\u200b1\u200b'),
    plain('full-width digits', '４１１１ '),
    // Every line reordered: an override per group, on one line and on many.
    plain('overridden digit groups', '\u202e1111 1114\u202c '),
    plain('overridden lines', '\u202e1111 1111 1111 1114\u202c\n'),
    plain('nested overrides', '\u202e1\u202b2 '),
    plain('Hebrew and digit groups', '\u05d0 1111 2222 '),
    html('HTML: stray "<"', '<'),
    html('HTML: open tags', '<a href="'),
    html('HTML: inline tags in digits', '41<b>11</b>'),
    html('HTML: character references', '&#52;&amp;'),
    html('HTML: nested bdo', '<bdo dir="rtl">1111 '),
  ]
}

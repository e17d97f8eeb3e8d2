import { describe, expect, it } from 'vitest'

import {
  findBoilerplate,
  mayBeClosing,
  mayBeOutlookFrom,
  mayBeQuoted,
  mayBeReplyHeader,
  lineText,
  splitLines,
} from './boilerplate.js'
import { countDistinct, detectAll } from './index.js'
import { randomTexts } from './random-text-for-test.js'
import { mentionsAny } from './recognizer.js'
import type { Boilerplate } from './types.js'

// Names in reply headers are found too; these tables look at the numbers only.
const NUMBERS = { categories: ['CREDIT_CARD', 'IBAN', 'PHONE_NUMBER'] } as const

function marks(text: string, origin: 'body-text' | 'body-html' = 'body-text'): string[] {
  return detectAll([{ partId: '1', origin, text }], NUMBERS).map(
    (f) => `${f.category}:${f.boilerplate ?? 'body'}`,
  )
}

describe('boilerplate marks', () => {
  it.each<[string, string, string[]]>([
    [
      'quoted lines',
      'Card is 4111 1111 1111 1111.\n\n> old: 5555 5555 5555 4444\n> thanks',
      ['CREDIT_CARD:body', 'CREDIT_CARD:quoted-reply'],
    ],
    [
      'everything after an "On … wrote:" header',
      'New: 4111 1111 1111 1111\n\nOn Mon, 1 Jan 2024, Bob Jones wrote:\nIBAN GB82 WEST 1234 5698 7654 32\n',
      ['CREDIT_CARD:body', 'IBAN:quoted-reply'],
    ],
    [
      'a German reply header',
      'Neu\n\nAm 01.01.2024 um 10:00 schrieb Bob Jones:\nIBAN GB82 WEST 1234 5698 7654 32\n',
      ['IBAN:quoted-reply'],
    ],
    [
      "Outlook's From/Sent block",
      'New text\n\nFrom: Bob\nSent: Monday\nTo: Alice\n\nIBAN GB82 WEST 1234 5698 7654 32\n',
      ['IBAN:quoted-reply'],
    ],
    [
      'a signature after "-- "',
      'See attached.\n-- \nAlice\n+44 20 7946 0958\n',
      ['PHONE_NUMBER:signature'],
    ],
    [
      'a signature after a closing',
      'See attached.\n\nBest regards,\nAlice\nTel +44 20 7946 0958\n',
      ['PHONE_NUMBER:signature'],
    ],
    [
      'a legal disclaimer paragraph',
      'Body.\n\nThis email and any attachments are confidential. If you are not the intended recipient, call +44 20 7946 0958.\n',
      ['PHONE_NUMBER:disclaimer'],
    ],
    [
      'an HTML blockquote',
      '<p>new 4111 1111 1111 1111</p><blockquote>old 5555 5555 5555 4444</blockquote>',
      ['CREDIT_CARD:body', 'CREDIT_CARD:quoted-reply'],
    ],
  ])('marks %s', (_label, text, expected) => {
    const origin = text.startsWith('<') ? 'body-html' : 'body-text'
    expect(marks(text, origin)).toEqual(expected)
  })

  it.each<[string, string]>([
    ['a greater-than sign inside a line', 'Total > 10: card 4111 1111 1111 1111'],
    ['"Thanks" followed by more body text', 'Thanks for the call.\nCard: 4111 1111 1111 1111'],
  ])('leaves the body unmarked for %s', (_label, text) => {
    expect(marks(text)).toEqual(['CREDIT_CARD:body'])
  })

  it('marks quoted blocks and the body between them apart', () => {
    const text = [
      '> 4111 1111 1111 1111',
      'new: 5555 5555 5555 4444',
      '> 3782 822463 10005',
      'new: 6011 1111 1111 1117',
    ].join('\n')

    expect(marks(text)).toEqual([
      'CREDIT_CARD:quoted-reply',
      'CREDIT_CARD:body',
      'CREDIT_CARD:quoted-reply',
      'CREDIT_CARD:body',
    ])
  })

  it('does not mark attachment text, which has no reply structure', () => {
    const text = '> 4111 1111 1111 1111'
    const [finding] = detectAll([{ partId: '2', origin: 'attachment', text }])

    expect(finding?.boilerplate).toBeUndefined()
  })

  // The sender's own card in every signature of a thread is still one value.
  it('counts a value repeated in quoted history and a signature once', () => {
    const text = [
      'Pay with 4111 1111 1111 1111 please.',
      '',
      'Best regards,',
      'Card on file 4111-1111-1111-1111',
      '',
      'On Mon, 1 Jan 2024, Bob Jones wrote:',
      '> use 4111111111111111',
    ].join('\n')

    const findings = detectAll([{ partId: '1', origin: 'body-text', text }], NUMBERS)
    const kinds = findings.map((f) => f.boilerplate ?? 'body')

    expect(kinds).toEqual<(Boilerplate | 'body')[]>(['body', 'signature', 'quoted-reply'])
    expect(countDistinct(findings).get('CREDIT_CARD')).toBe(1)
  })
})

describe('disclaimer words', () => {
  // One of each form the phrases take; the words of each are then written in random case and
  // split by random white space, as the pattern allows.
  const PHRASES = [
    'intended solely for the use of the addressee',
    'intended for the individual',
    'if you are not the intended recipient',
    'if you have received this e-mail in error',
    'if you are not message in error',
    'this email and any attachments are confidential',
    'this message may be privileged',
    'diese Nachricht enthält vertraulich',
    'wenn sie nicht der richtige adressat',
    'ce courriel et toutes les pièces jointes sont établis',
    'ce message est confidentiel',
    'este correo contiene información confidencial',
    'este mensaje es confidencial',
  ]
  const flips = randomTexts('ul', 7, PHRASES.length * 4, 200)
  const gaps = randomTexts(' \n\t', 9, PHRASES.length * 4, 200)

  it('are in every disclaimer, so the gate finds what the pattern alone finds', () => {
    PHRASES.flatMap((p) => [p, p, p, p]).forEach((phrase, n) => {
      const cased = [...phrase]
        .map((c, i) => (flips[n]?.charAt(i) === 'u' ? c.toUpperCase() : c))
        .join('')
      const spaced = cased.replace(/ /g, () => gaps[n]?.slice(0, 1 + (n % 8)) ?? ' ')
      const text = `Hello,\n\nsee below.\n\n${spaced}\n\nBye`
      const plain = findBoilerplate(text, () => true)

      expect(plain.some((r) => r.kind === 'disclaimer')).toBe(true)
      expect(findBoilerplate(text)).toEqual(plain)
      const scan = { text, memo: new Map<string, unknown>() }
      expect(findBoilerplate(text, (words) => mentionsAny(scan, words))).toEqual(plain)
    })
  })
})

describe('line tests before the line patterns', () => {
  // The patterns of boilerplate.ts, copied: each test must pass every line its pattern
  // matches (it may pass more).
  const REPLY =
    /^\s{0,8}(?:On .{1,200} wrote:|Am .{1,200} schrieb .{1,200}:|Le .{1,200} a écrit ?:|El .{1,200} escribió:|Il giorno .{1,200} ha scritto:|Op .{1,200} schreef .{1,200}:|-{2,} ?(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Forwarded message|Weitergeleitete Nachricht) ?-{2,})\s{0,8}$/i
  const CLOSING =
    /^\s{0,8}(?:(?:best|kind|warm|warmest) regards|regards|best|thanks|thank you|many thanks|cheers|sincerely|yours sincerely|yours faithfully|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße|beste grüße|freundliche grüße|liebe grüße|cordialement|bien à vous|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet)[,.!]?\s{0,8}$/i
  const CASES: [string, RegExp, (line: ReturnType<typeof splitLines>[number]) => boolean][] = [
    ['quoted', /^\s{0,8}>/, mayBeQuoted],
    ['From', /^\s{0,8}\*?(?:From|Von|De|Da|Van)\s?\*?:\s?\S/, mayBeOutlookFrom],
    ['reply header', REPLY, mayBeReplyHeader],
    ['closing', CLOSING, mayBeClosing],
  ]
  const SAMPLES = [
    'On Mon, 1 Jan 2024, Bob Jones wrote:',
    '  oN monday bob WROTE:',
    'Am 01.01.2024 um 10:00 schrieb Bob Jones:',
    '\u00a0Le 3 mars, Anne a écrit :',
    'El lunes, Ana escribió:',
    'Il giorno lun ha scritto:',
    'Op maandag schreef Jan:',
    '-----Original Message-----',
    ' -- Forwarded message --',
    '> quoted',
    '\t\t>> twice',
    '*From:* Bob',
    'Von: Bob',
    'Best regards,',
    '        MIT FREUNDLICHEN GRÜSSEN!        ',
    '\u3000Cheers',
    'Thanks',
    'Viele Grüße',
  ]

  it.each(CASES)('passes every line the %s pattern matches', (_label, pattern, mayBe) => {
    const alphabet = ' \t\u00a0\u2003>*-:,OoNnAaMmLlEeIiPpFfVvDdBbTtRrSsWwgk'
    const texts = [...randomTexts(alphabet, 13, 200, 400), SAMPLES.join('\n')]
    let matched = 0

    for (const text of texts) {
      for (const line of splitLines(text.replace(/[:,] /g, (s) => `${s}\n`))) {
        if (!pattern.test(lineText(line))) continue
        matched++
        expect(mayBe(line), JSON.stringify(lineText(line))).toBe(true)
      }
    }
    expect(matched).toBeGreaterThan(0)
  })
})

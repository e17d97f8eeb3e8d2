import { describe, expect, it } from 'vitest'

import type { Category } from './categories.js'
import { detectAll } from './detect-all.js'
import { spansFor } from './spans-for-test.js'
import type { TextSource } from './types.js'

// Evasions a tester got through the relay, and the same tricks tried on every family. Every
// value is made up or a published test value.
const PEM_BODY = 'MIIEowIBAAKCAQEA'.padEnd(64 * 3, 'q1W2e3R4t5Y6')
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`
const GITHUB = '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'
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const AZURE_ACCOUNT_KEY =
  'y5yq1XoY1BaIMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlU=='
const SLACK_HOOK = 'https://hooks.slack.com/services/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'

function scan(text: string, origin: TextSource['origin'] = 'body-text') {
  return detectAll([{ partId: '1', origin, text }])
}

describe('bidirectional text', () => {
  it.each<[string, Category, string, string]>([
    // The tester's card: it displays as 4111 1111 1111 1111.
    [
      'a right-to-left override',
      'CREDIT_CARD',
      'card \u202e1111 1111 1111 1114\u202c thanks',
      '1111 1111 1111 1114',
    ],
    [
      'a right-to-left embedding (groups shown in reverse)',
      'CREDIT_CARD',
      'card \u202b1111 1111 1111 4111\u202c',
      '1111 1111 1111 4111',
    ],
    [
      'a right-to-left isolate',
      'CREDIT_CARD',
      'card \u20671111 1111 1111 4111\u2069',
      '1111 1111 1111 4111',
    ],
    [
      'a right-to-left mark before the groups',
      'CREDIT_CARD',
      'card \u200f1111 1111 1111 4111',
      '1111 1111 1111 4111',
    ],
    [
      'a Hebrew letter before the groups',
      'CREDIT_CARD',
      'card \u05d0 1111 1111 1111 4111',
      '1111 1111 1111 4111',
    ],
    [
      'an unterminated override at the end of a line',
      'CREDIT_CARD',
      'card \u202e1111 1111 1111 1114\nnext line',
      '1111 1111 1111 1114',
    ],
    [
      'an override on an IBAN',
      'IBAN',
      'iban \u202e23 4567 8965 4321 TSEW 28BG\u202c',
      '23 4567 8965 4321 TSEW 28BG',
    ],
    ['an override on an SSN', 'US_SSN', 'ssn \u202e9934-09-635\u202c', '9934-09-635'],
    [
      'an override written as HTML character references',
      'CREDIT_CARD',
      '<p>card &#x202E;1111 1111 1111 1114&#x202C;</p>',
      '1111 1111 1111 1114',
    ],
  ])('reads %s in display order', (_label, category, text, expected) => {
    const origin = text.startsWith('<') ? 'body-html' : 'body-text'

    expect(spansFor(text, category, origin)).toEqual([expected])
  })

  it.each<[string, string, string]>([
    [
      'a <bdo dir="rtl"> override',
      '<p>card <bdo dir="rtl">1111 1111 1111 1114</bdo></p>',
      '1111 1111 1111 1114',
    ],
    [
      'a CSS bidi override',
      '<p>card <span style="unicode-bidi: bidi-override; direction: rtl">1111 1111 1111 1114</span></p>',
      '1111 1111 1111 1114',
    ],
    [
      'a dir="rtl" span',
      '<p>card <span dir="rtl">1111 1111 1111 4111</span> ok</p>',
      '1111 1111 1111 4111',
    ],
    [
      'a dir="rtl" paragraph',
      '<div>card</div><p dir="rtl">1111 1111 1111 4111</p>',
      '1111 1111 1111 4111',
    ],
    [
      'a left-to-right span inside a right-to-left override',
      // Displayed "4111 1111 1111 1111": the override reverses around the isolate, not in it.
      '<p>card <bdo dir="rtl">1111 <span dir="ltr">1111 1111</span> 1114</bdo></p>',
      '1111 <span dir="ltr">1111 1111</span> 1114',
    ],
    [
      'an override left open inside a closed element',
      '<p>card <b><bdo dir="rtl">1111 1111 1111 1114</b> ok</p>',
      '1111 1111 1111 1114',
    ],
  ])('reads HTML markup with %s as a browser shows it', (_label, html, expected) => {
    expect(spansFor(html, 'CREDIT_CARD', 'body-html')).toEqual([expected])
  })

  it.each<[string, string]>([
    ['a left-to-right override', '<p>card <bdo dir="ltr">1111 1111 1111 1114</bdo></p>'],
    ['a dir attribute on a void element', '<p>card <img dir="rtl" alt="">1111 1111 1111 1114</p>'],
    ['a self-closing element with dir', '<p>card <span dir="rtl"/>1111 1111 1111 1114</p>'],
    ['dir="ltr" (as Gmail wraps every message)', '<div dir="ltr">card 1111 1111 1111 1114</div>'],
  ])('does not reorder text for %s', (_label, html) => {
    expect(spansFor(html, 'CREDIT_CARD', 'body-html')).toEqual([])
  })

  it('masks the value as it is displayed', () => {
    const [finding] = scan('card \u202e1111 1111 1111 1114\u202c')

    expect(finding?.masked).toBe('4111 **** **** 1111')
  })

  it.each<[string, string, string]>([
    [
      'embeddings',
      '4111\u202a 1111\u202c 1111\u2066 1111\u2069',
      '4111\u202a 1111\u202c 1111\u2066 1111',
    ],
    ['marks', '4111\u200e1111\u200f1111\u061c1111', '4111\u200e1111\u200f1111\u061c1111'],
    [
      'an override around one group',
      '4111 \u202d1111\u202c 1111 1111',
      '4111 \u202d1111\u202c 1111 1111',
    ],
  ])('does not let bidi %s split a card', (_label, text, expected) => {
    expect(spansFor(`pay ${text} now`, 'CREDIT_CARD')).toEqual([expected])
  })

  it.each<[string, string]>([
    ['an override on a number failing Luhn both ways', 'card \u202e2111 1111 1111 1114\u202c'],
    ['an override on prose', 'see \u202eevif-owt-eno\u202c'],
  ])('finds nothing in %s', (_label, text) => {
    expect(scan(text).filter((f) => f.category === 'CREDIT_CARD')).toEqual([])
  })

  // Right to left, 5555 … 4444 is displayed "4444 5555 5555 5555" from the left, which a
  // right-to-left reader reads in logical order: only the logical number is a finding.
  it('reads a right-to-left paragraph in logical order only', () => {
    const text = '\u05db\u05e8\u05d8\u05d9\u05e1 5555 5555 5555 4444'

    const cards = scan(text).filter((f) => f.category === 'CREDIT_CARD')

    expect(cards.map((f) => text.slice(f.start, f.end))).toEqual(['5555 5555 5555 4444'])
  })

  it('reports a value that reads the same both ways once', () => {
    const text = 'card 4111111111111111 \u202eok\u202c'

    expect(spansFor(text, 'CREDIT_CARD')).toEqual(['4111111111111111'])
  })

  it('keeps a line and its display copy apart (no card across the two)', () => {
    // Logical "…1111 1114" followed directly by displayed "4111 1111…" would be a wrapped
    // card pattern if only one line break separated them.
    const text = '\u202e1111 1111 1111 1114\u202c'

    expect(spansFor(text, 'CREDIT_CARD')).toEqual([text.slice(1, -1)])
  })
})

describe('invisible characters inside values', () => {
  it.each<[string, Category, string, TextSource['origin']]>([
    // The tester's key: a zero-width space inside the armour line.
    [
      'a zero-width space in a PEM header',
      'PRIVATE_KEY',
      PEM.replace('PRIVATE KEY', 'PRIVATE\u200b KEY'),
      'body-text',
    ],
    [
      'a zero-width space written &ZeroWidthSpace; in HTML',
      'PRIVATE_KEY',
      `<pre>${PEM.replace('PRIVATE KEY', 'PRIVATE&ZeroWidthSpace; KEY')}</pre>`,
      'body-html',
    ],
    [
      'a word joiner written &NoBreak; in HTML',
      'CREDIT_CARD',
      '<p>4111&NoBreak;1111&NoBreak;1111&NoBreak;1111</p>',
      'body-html',
    ],
    [
      'figure spaces written &numsp; in HTML',
      'CREDIT_CARD',
      '<p>4111&numsp;1111&numsp;1111&numsp;1111</p>',
      'body-html',
    ],
    [
      'a Hangul filler (a letter drawn as nothing)',
      'CREDIT_CARD',
      '4111\u31641111\u31641111\u31641111',
      'body-text',
    ],
    [
      'a Cyrillic look-alike in an AWS key id',
      'CLOUD_ACCESS_KEY',
      'id \u0410KIAQ3\u0415GRT7UVWXY2Z45',
      'body-text',
    ],
  ])('finds a value with %s', (_label, category, text, origin) => {
    expect(spansFor(text, category, origin)).toHaveLength(1)
  })

  // Every recognizer matches normalised text: none may be defeated by an invisible character
  // anywhere in its value or in the keyword it hangs on. One sample per recognizer family.
  const samples: [Category, string][] = [
    ['PRIVATE_KEY', PEM],
    ['PRIVATE_KEY', 'PuTTY-User-Key-File-3: ssh-ed25519'],
    ['CLOUD_ACCESS_KEY', 'id AKIAQ3EGRT7UVWXY2Z45 ok'],
    ['CLOUD_ACCESS_KEY', `AccountName=acct;AccountKey=${AZURE_ACCOUNT_KEY};x`],
    ['API_TOKEN', `GH_TOKEN=${GITHUB}`],
    ['JWT', `Bearer ${JWT}`],
    ['PASSWORD_IN_TEXT', 'password: Summer2024!'],
    ['PASSWORD_IN_TEXT', 'postgres://app:s3cr3tPw@db.example.com/x'],
    ['GENERIC_SECRET', 'client_secret: "pEFivB50756EHugmANb7qiSX"'],
    ['WEBHOOK_URL', `post to ${SLACK_HOOK}`],
    ['EMAIL_ADDRESS', 'write to jane.doe@example.org today'],
    ['CREDIT_CARD', 'card 4111 1111 1111 1111'],
    ['IBAN', 'IBAN GB82 WEST 1234 5698 7654 32'],
    ['US_SSN', 'ssn 536-90-4399'],
    ['PHONE_NUMBER', 'call +44 20 7946 0958'],
    ['UK_NINO', 'NI number AA 12 34 56 B'],
  ]
  const invisibles: [string, string, TextSource['origin']][] = [
    ['zero-width space', '\u200b', 'body-text'],
    ['word joiner', '\u2060', 'body-text'],
    ['byte order mark', '\ufeff', 'body-text'],
    ['soft hyphen', '\u00ad', 'body-text'],
    ['left-to-right mark', '\u200e', 'body-text'],
    ['Hangul filler', '\u3164', 'body-text'],
    ['&ZeroWidthSpace; in HTML', '&ZeroWidthSpace;', 'body-html'],
    ['&#8203; in HTML', '&#8203;', 'body-html'],
  ]
  const cases = samples.flatMap(([category, text]) =>
    invisibles.map(
      ([name, char, origin]) =>
        [`${category} with a ${name}`, category, text, char, origin] as const,
    ),
  )

  it.each(cases)('finds %s every third character', (_label, category, text, char, origin) => {
    const disguised = [...text].map((ch, i) => (i % 3 === 2 ? `${char}${ch}` : ch)).join('')
    const source = origin === 'body-html' ? disguised.replace(/\n/g, '<br>') : disguised

    expect(spansFor(source, category, origin)).toHaveLength(1)
  })
})

describe('letter case', () => {
  it.each<[string, Category, string, string]>([
    [
      'a lower-case IBAN',
      'IBAN',
      'iban gb82 west 1234 5698 7654 32',
      'gb82 west 1234 5698 7654 32',
    ],
    [
      'a lower-case PEM armour',
      'PRIVATE_KEY',
      PEM.toLowerCase().replace(PEM_BODY.toLowerCase(), PEM_BODY),
      '',
    ],
    [
      'a webhook with a capitalised host',
      'WEBHOOK_URL',
      SLACK_HOOK.replace('hooks.slack.com', 'Hooks.Slack.COM'),
      '',
    ],
    [
      'a lower-case Azure connection-string key',
      'CLOUD_ACCESS_KEY',
      `accountkey=${AZURE_ACCOUNT_KEY}`,
      AZURE_ACCOUNT_KEY,
    ],
    ['a DNI with a lower-case letter', 'ES_DNI_NIF', 'DNI 12345678z', '12345678z'],
    [
      'a henkilötunnus with a lower-case check character',
      'FI_HETU',
      'hetu 131052-308t',
      '131052-308t',
    ],
  ])('accepts %s where the check still holds', (_label, category, text, expected) => {
    const spans = spansFor(text, category)

    expect(spans).toEqual([expected === '' ? text : expected])
  })

  it.each<[string, Category, string]>([
    // Base32, base62 and lower-case hex are the keys' own alphabets: another case is another
    // (invalid) key.
    ['an AWS key id in lower case', 'CLOUD_ACCESS_KEY', 'id akiaq3egrt7uvwxy2z45 ok'],
    ['a GitHub prefix in capitals', 'API_TOKEN', GITHUB.replace('ghp_', 'GHP_')],
    ['a DigitalOcean token in upper-case hex', 'API_TOKEN', `dop_v1_${'A1B2C3D4'.repeat(8)}`],
    ['a Mailgun key in upper-case hex', 'API_TOKEN', `key-${'A1B2C3D4'.repeat(4)}`],
    ['a Twilio key in upper-case hex', 'API_TOKEN', `SK${'A1B2C3D4'.repeat(4)}`],
    ['a JWT with an upper-case prefix', 'JWT', JWT.replace(/^eyJ/, 'EYJ')],
    [
      'a Bech32 address in mixed case',
      'CRYPTO_WALLET',
      'bc1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ',
    ],
    // Shapes without a check digit stay in capitals: lower-case words and ids look the same.
    ['a BIC in lower case', 'SWIFT_BIC', 'bic deutdeff'],
    ['a PAN in lower case', 'IN_PAN', 'pan abcpe1234f'],
    ['a UK driving licence in lower case', 'UK_DRIVING_LICENCE', 'dvla morga657054sm9ij'],
    ['a lower-case IBAN failing mod 97', 'IBAN', 'iban gb83 west 1234 5698 7654 32'],
  ])('keeps %s out', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })

  it('keeps the AWS key id of a confusable-letter disguise strict about case', () => {
    expect(spansFor('id \u0430kiaq3egrt7uvwxy2z45', 'CLOUD_ACCESS_KEY')).toEqual([])
  })
})

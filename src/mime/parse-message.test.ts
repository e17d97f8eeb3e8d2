import { describe, expect, it } from 'vitest'

import { parseMessage } from './parse-message.js'

const HEAD =
  'From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: hello\r\nMIME-Version: 1.0\r\n'
const CARD = 'card 4111 1111 1111 1111'
const LIMITS = { maxDepth: 8 }

const textPart = (boundary: string, text: string): string =>
  `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${text}\r\n`

function raw(contentType: string, body: string, extraHeaders = ''): Buffer {
  return Buffer.from(`${HEAD}${extraHeaders}Content-Type: ${contentType}\r\n\r\n${body}`)
}

// Regression: these structures were delivered with a card in them. mailparser drops the lines
// of a multipart that are not inside a part, so `mailward scan` listed no part (or only the
// harmless one) and released the message.
describe('parseMessage on multipart structure that hides content', () => {
  it.each([
    [
      'a multipart without a boundary parameter',
      raw('multipart/mixed', `${textPart('XX', CARD)}--XX--\r\n`),
      'structure: multipart without a boundary',
    ],
    [
      'a boundary that never appears in the body',
      raw('multipart/mixed; boundary="ZZ"', `${textPart('XX', CARD)}--XX--\r\n`),
      'structure: multipart boundary not in the body',
    ],
    [
      'a body boundary in another letter case',
      raw('multipart/mixed; boundary="XX"', `${textPart('xx', CARD)}--xx--\r\n`),
      'structure: multipart boundary only in another letter case',
    ],
    [
      'two boundary parameters with the body using the second',
      raw('multipart/mixed; boundary="XX"; boundary="YY"', `${textPart('YY', CARD)}--YY--\r\n`),
      'structure: more than one boundary parameter',
    ],
    [
      'a part after the closing delimiter',
      raw(
        'multipart/mixed; boundary="XX"',
        `${textPart('XX', 'hello')}--XX--\r\n${textPart('XX', CARD)}--XX--\r\n`,
      ),
      'structure: a part after the closing boundary',
    ],
  ])('scans the card and reports %s', async (_label, message, reason) => {
    const parsed = await parseMessage(message, LIMITS)

    const outside = parsed.parts.find((p) => p.origin === 'outside-parts')
    expect(outside?.content.toString()).toContain(CARD)
    expect(parsed.problems).toContainEqual({ partId: '0/structure', reason })
  })

  it.each([
    ['the preamble', `${CARD}\r\n${textPart('XX', 'hello')}--XX--\r\n`],
    ['the epilogue', `${textPart('XX', 'hello')}--XX--\r\n${CARD}\r\n`],
  ])('scans a card in %s as text, without a problem', async (_label, body) => {
    const parsed = await parseMessage(raw('multipart/mixed; boundary="XX"', body), LIMITS)

    expect(parsed.parts.map((p) => [p.id, p.origin])).toEqual([
      ['1', 'body-text'],
      ['2', 'outside-parts'],
    ])
    expect(parsed.parts[1]?.content.toString()).toBe(`${CARD}\r\n`)
    expect(parsed.problems).toEqual([])
  })

  it('gives the outside text of an attached message an id inside it', async () => {
    const inner = `Subject: fwd\r\nContent-Type: multipart/mixed; boundary="IN"\r\n\r\n${CARD}\r\n${textPart('IN', 'x')}--IN--\r\n`
    const body = `${textPart('XX', 'see below')}--XX\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n${inner}--XX--\r\n`

    const parsed = await parseMessage(raw('multipart/mixed; boundary="XX"', body), LIMITS)

    const outside = parsed.parts.find((p) => p.origin === 'outside-parts')
    expect(outside).toMatchObject({ id: '2.2', depth: 1 })
    expect(outside?.content.toString()).toBe(`${CARD}\r\n`)
  })

  it('reports no problem for a well-formed message and keeps its usual preamble as text', async () => {
    const body = `This is a multi-part message in MIME format.\r\n${textPart('XX', 'a')}--XX--\r\n`

    const parsed = await parseMessage(raw('multipart/mixed; boundary="XX"', body), LIMITS)

    expect(parsed.problems).toEqual([])
    expect(parsed.parts.at(-1)?.content.toString()).toBe(
      'This is a multi-part message in MIME format.\r\n',
    )
  })
})

// Regression: a card in a custom header (`X-Note: card …`) was delivered; only the Subject and
// attachment names were scanned.
describe('parseMessage on free-text header fields', () => {
  it('hands custom header fields over as header text, with an id naming the field', async () => {
    const message = raw('text/plain', 'hello\r\n', `X-Note: ${CARD}\r\nOrganization: Example\r\n`)

    const parsed = await parseMessage(message, LIMITS)

    expect(parsed.headerTexts).toEqual([
      { partId: '0', text: 'hello' },
      { partId: '0/header/X-Note', text: `X-Note: ${CARD}` },
      { partId: '0/header/Organization', text: 'Organization: Example' },
    ])
  })

  it('leaves out Exchange, DKIM and trace fields', async () => {
    const machine = [
      'X-MS-Exchange-CrossTenant-Id: 72f988bf-86f1-41af-91ab-2d7cd011db47',
      'X-MS-Exchange-AntiSpam-MessageData-0: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=',
      'X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en',
      'ARC-Seal: i=1; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=none; b=abc',
      'Thread-Index: AQHZ1234567890abcdef==',
    ]
    const message = raw('text/plain', 'hello\r\n', `${machine.join('\r\n')}\r\n`)

    const parsed = await parseMessage(message, LIMITS)

    expect(parsed.headerTexts).toEqual([{ partId: '0', text: 'hello' }])
  })
})

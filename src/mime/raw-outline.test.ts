import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'

import { countBoundaryParameters } from './boundary-lines.js'
import { outlineMessage } from './raw-outline.js'

const HEAD = 'From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: hi\r\n'
const CARD = 'card 4111 1111 1111 1111'

function mail(contentType: string, body: string): Buffer {
  return Buffer.from(`${HEAD}MIME-Version: 1.0\r\nContent-Type: ${contentType}\r\n\r\n${body}`)
}

const part = (boundary: string, text: string): string =>
  `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${text}\r\n`

describe('outlineMessage: text outside the parts', () => {
  it.each([
    ['a preamble', `${CARD}\r\n${part('XX', 'hello')}--XX--\r\n`],
    ['an epilogue', `${part('XX', 'hello')}--XX--\r\n${CARD}\r\n`],
    ['a part after the close delimiter', `${part('XX', 'hello')}--XX--\r\n${part('XX', CARD)}`],
    ['a body that never uses the boundary', `${part('YY', CARD)}--YY--\r\n`],
    ['a body writing the boundary in lower case', `${part('xx', CARD)}--xx--\r\n`],
  ])('keeps %s as text', (_label, body) => {
    const outline = outlineMessage(mail('multipart/mixed; boundary="XX"', body))

    expect(outline.outside.toString()).toContain(CARD)
  })

  it.each([
    ['of the message', Buffer.from(`${HEAD}${CARD}\r\n\r\nbody\r\n`)],
    [
      'of a part',
      mail(
        'multipart/mixed; boundary="XX"',
        `--XX\r\nContent-Type: text/plain\r\n${CARD}\r\n--XX--\r\n`,
      ),
    ],
  ])('keeps a header line without a colon %s as text, as RFC 5322 readers show it', (_l, raw) => {
    const outline = outlineMessage(raw)

    expect(outline.outside.toString()).toBe(`${CARD}\r\n`)
  })

  it('keeps folded header lines and fields out of the text', () => {
    const raw = Buffer.from(`${HEAD}X-Note: first\r\n  folded part\r\n\r\nbody\r\n`)

    expect(outlineMessage(raw).outside.length).toBe(0)
  })

  it('keeps the preamble of a multipart inside an inline attached message', () => {
    const inner = `Subject: inner\r\nContent-Type: multipart/mixed; boundary="IN"\r\n\r\n${CARD}\r\n${part('IN', 'x')}--IN--\r\n`
    const body = `${part('XX', 'outer')}--XX\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n${inner}--XX--\r\n`

    const outline = outlineMessage(mail('multipart/mixed; boundary="XX"', body))

    expect(outline.outside.toString()).toBe(`${CARD}\r\n`)
    expect(outline.problems).toEqual([])
  })

  it('leaves out what mailparser reads, and a preamble of white space only', async () => {
    const body = `\r\n\r\n${part('XX', CARD)}${part('XX', 'second')}--XX--\r\n`
    const raw = mail('multipart/mixed; boundary="XX"', body)

    const outline = outlineMessage(raw)

    expect(outline.outside).toHaveLength(0)
    expect(outline.problems).toEqual([])
    expect((await simpleParser(raw)).text).toContain(CARD)
  })

  it('ends an unclosed inner multipart at a delimiter of the outer one, as mailsplit does', () => {
    const inner = `--XX\r\nContent-Type: multipart/alternative; boundary="IN"\r\n\r\n${part('IN', 'a')}`
    const body = `${inner}${part('XX', 'b')}--XX--\r\n`

    const outline = outlineMessage(mail('multipart/mixed; boundary="XX"', body))

    expect(outline.outside).toHaveLength(0)
    expect(outline.problems).toEqual([])
  })

  it('reads a delimiter with trailing white space and a lone CR in front as mailsplit does', () => {
    const body = `--XX \t\r\nContent-Type: text/plain\r\n\r\nhello\r\n\r--XX--\r\n`

    const outline = outlineMessage(mail('multipart/mixed; boundary=XX', body))

    expect(outline.problems).toEqual([])
    expect(outline.outside).toHaveLength(0)
  })
})

describe('outlineMessage: structure that cannot be trusted', () => {
  it.each([
    ['multipart/mixed', `${part('XX', CARD)}--XX--\r\n`, 'structure: multipart without a boundary'],
    [
      'multipart/mixed; boundary="XX"',
      `${part('YY', CARD)}--YY--\r\n`,
      'structure: multipart boundary not in the body',
    ],
    [
      'multipart/mixed; boundary="XX"',
      `${part('xx', CARD)}--xx--\r\n`,
      'structure: multipart boundary only in another letter case',
    ],
    [
      'multipart/mixed; boundary="XX"',
      `${part('XX', 'a')}--XX--\r\n${part('XX', CARD)}`,
      'structure: a part after the closing boundary',
    ],
    [
      'multipart/mixed; boundary="XX"; boundary="YY"',
      `${part('XX', 'a')}--XX--\r\n`,
      'structure: more than one boundary parameter',
    ],
  ])('%s with its body reports one fixed reason', (contentType, body, reason) => {
    const outline = outlineMessage(mail(contentType, body))

    expect(outline.problems).toEqual([reason])
  })

  it.each([
    ['without a boundary', 'multipart/mixed'],
    ['whose boundary never comes', 'multipart/mixed; boundary="XX"'],
  ])('reports no problem for an empty multipart %s', (_label, contentType) => {
    const outline = outlineMessage(mail(contentType, '\r\n\r\n'))

    expect(outline.problems).toEqual([])
    expect(outline.outside).toHaveLength(0)
  })

  it('does not count a repeated close delimiter in the epilogue as a part', () => {
    const outline = outlineMessage(
      mail('multipart/mixed; boundary="XX"', `${part('XX', 'a')}--XX--\r\n--XX--\r\n`),
    )

    expect(outline.problems).toEqual([])
  })
})

describe('outlineMessage: free-text header fields', () => {
  it('gives custom and informational fields, decoded, and leaves out machine fields', () => {
    const headers = [
      'X-Note: card 4111 1111\r\n 1111 1111',
      'Comments: =?utf-8?q?r=C3=A9sum=C3=A9?=',
      'X-MS-Exchange-Organization-SCL: -1',
      'X-Microsoft-Antispam: BCL:0;',
      'DKIM-Signature: v=1; a=rsa-sha256; b=abc',
      'Received: from a by b',
    ]
    const raw = Buffer.from(`${headers.join('\r\n')}\r\n${HEAD}Content-Type: text/plain\r\n\r\nx`)

    const outline = outlineMessage(raw)

    expect(outline.headerFields).toEqual([
      { name: 'X-Note', text: 'X-Note: card 4111 1111 1111 1111' },
      { name: 'Comments', text: 'Comments: résumé' },
    ])
  })

  it('gives the Content-Description of a part', () => {
    const body = `--XX\r\nContent-Type: text/plain\r\nContent-Description: ${CARD}\r\n\r\nx\r\n--XX--\r\n`

    const outline = outlineMessage(mail('multipart/mixed; boundary="XX"', body))

    expect(outline.headerFields).toEqual([
      { name: 'Content-Description', text: `Content-Description: ${CARD}` },
    ])
  })
})

describe('countBoundaryParameters', () => {
  it.each([
    ['one', 'Content-Type: multipart/mixed; boundary="a"', 1],
    ['two', 'Content-Type: multipart/mixed; boundary="a"; BOUNDARY=b', 2],
    [
      'an RFC 2231 split value once',
      'Content-Type: multipart/mixed; boundary*0=a; boundary*1=b',
      1,
    ],
    ['none inside a quoted string', 'Content-Type: multipart/mixed; name="x; boundary=y"', 0],
    ['none inside a comment', 'Content-Type: multipart/mixed (; boundary=y); boundary=z', 1],
  ])('counts %s', (_label, line, count) => {
    expect(countBoundaryParameters([line])).toBe(count)
  })
})

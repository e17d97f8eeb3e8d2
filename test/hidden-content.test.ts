// Regression: a tester sent these messages through the running relay and each was delivered
// (250 2.0.0 Delivered) with a card number in it that a mail client or another tool shows:
// in text outside every MIME part, in a custom header (or one named like Exchange's own, or a
// Message-ID), in picture metadata, in a ZIP appended
// to a picture, after a PDF's %%EOF, in an unreferenced member of a DOCX. Each must be held,
// with the card found where it is. Messages are built here from fixtures of the extract tests
// (test/fixtures/extract/README.md gives their origin).
import { readFileSync } from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { VerdictReport } from '../src/actions/index.js'
import { sendRaw } from './helpers/clients.js'
import { startTestRelay, type TestRelay } from './helpers/relay.js'

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }
const HEAD = 'From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: figures\r\n'
const CARD = 'card 4111 1111 1111 1111'
const MASKED = '4111 **** **** 1111'

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`fixtures/extract/${name}`, import.meta.url))

const textPart = (boundary: string, text: string): string =>
  `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${text}\r\n`

function multipart(contentType: string, body: string): string {
  return `${HEAD}MIME-Version: 1.0\r\nContent-Type: ${contentType}\r\n\r\n${body}`
}

/** A message with a short text and one base64 attachment. */
function withAttachment(filename: string, type: string, bytes: Buffer): string {
  const encoded = bytes.toString('base64').replace(/(.{76})/g, '$1\r\n')
  return multipart(
    'multipart/mixed; boundary="B"',
    `${textPart('B', 'see attached')}--B\r\nContent-Type: ${type}; name="${filename}"\r\n` +
      `Content-Disposition: attachment; filename="${filename}"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${encoded}\r\n--B--\r\n`,
  )
}

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
)

const png = fixture('nodemailer-image.png')
const pngTextChunk = ((): Buffer => {
  const data = Buffer.from(`Comment\0${CARD}`, 'latin1')
  const chunk = Buffer.alloc(12 + data.length)
  chunk.writeUInt32BE(data.length, 0)
  chunk.write('tEXt', 4, 'latin1')
  data.copy(chunk, 8)
  // The CRC is left wrong on purpose: readers that check it skip the chunk, `strings` does not.
  return Buffer.concat([png.subarray(0, png.length - 12), chunk, png.subarray(png.length - 12)])
})()
const jpegComment = ((): Buffer => {
  const jpeg = fixture('letters-inline.jpg')
  const head = Buffer.from([0xff, 0xfe, 0, CARD.length + 2])
  return Buffer.concat([jpeg.subarray(0, 2), head, Buffer.from(CARD), jpeg.subarray(2)])
})()

const CASES: [string, string, string, string?][] = [
  [
    'a multipart without a boundary',
    multipart('multipart/mixed', `${textPart('XX', CARD)}--XX--\r\n`),
    'text outside the MIME parts',
  ],
  [
    'a boundary that never appears',
    multipart('multipart/mixed; boundary="ZZ"', `${textPart('XX', CARD)}--XX--\r\n`),
    'text outside the MIME parts',
  ],
  [
    'a body boundary in another case',
    multipart('multipart/mixed; boundary="XX"', `${textPart('xx', CARD)}--xx--\r\n`),
    'text outside the MIME parts',
  ],
  [
    'two boundary parameters',
    multipart('multipart/mixed; boundary="XX"; boundary="YY"', `${textPart('YY', CARD)}--YY--\r\n`),
    'text outside the MIME parts',
  ],
  [
    'the preamble',
    multipart('multipart/mixed; boundary="XX"', `${CARD}\r\n${textPart('XX', 'hi')}--XX--\r\n`),
    'text outside the MIME parts',
  ],
  [
    'the epilogue',
    multipart('multipart/mixed; boundary="XX"', `${textPart('XX', 'hi')}--XX--\r\n${CARD}\r\n`),
    'text outside the MIME parts',
  ],
  [
    'a part after the close delimiter',
    multipart(
      'multipart/mixed; boundary="XX"',
      `${textPart('XX', 'hi')}--XX--\r\n${textPart('XX', CARD)}--XX--\r\n`,
    ),
    'text outside the MIME parts',
  ],
  [
    'a custom header',
    `${HEAD}X-Note: ${CARD}\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
    'header X-Note',
  ],
  [
    'a header named like one Exchange writes',
    `${HEAD}X-MS-Exchange-Organization-Note: ${CARD}\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
    'header X-MS-Exchange-Organization-Note',
  ],
  [
    'a second Subject field',
    `${HEAD}Subject: ${CARD}\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
    'header Subject',
  ],
  [
    "a MIME part's Subject field",
    multipart(
      'multipart/mixed; boundary="B"',
      `--B\r\nContent-Type: text/plain\r\nSubject: ${CARD}\r\n\r\nhi\r\n--B--\r\n`,
    ),
    'header Subject',
  ],
  [
    'RFC 2231 parameter continuations',
    `${HEAD}Content-Type: text/plain; x-note*0="card 4111 1111 "; x-note*1="1111 1111"\r\n\r\nhello\r\n`,
    'header Content-Type',
  ],
  [
    'a percent-encoded RFC 2231 parameter',
    `${HEAD}Content-Type: text/plain; x-note*=utf-8''%341%31%31%20%31%31%31%31%20%31%31%31%31%20%31%31%31%31\r\n\r\nhello\r\n`,
    'header Content-Type',
  ],
  [
    'a Message-ID',
    `${HEAD}Message-ID: <4111111111111111.x@example.com>\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
    'header Message-ID',
    '4111********1111',
  ],
  [
    'a ZIP appended to a PNG',
    withAttachment('chart.png', 'image/png', Buffer.concat([png, fixture('card-note.zip')])),
    'attachment chart.png (appended/note.txt)',
  ],
  [
    'a ZIP appended to a JPEG',
    withAttachment(
      'photo.jpg',
      'image/jpeg',
      Buffer.concat([fixture('letters-inline.jpg'), fixture('card-note.zip')]),
    ),
    'attachment photo.jpg (appended/note.txt)',
  ],
  [
    'a PNG text chunk',
    withAttachment('chart.png', 'image/png', pngTextChunk),
    'attachment chart.png (metadata)',
  ],
  [
    'a JPEG comment',
    withAttachment('photo.jpg', 'image/jpeg', jpegComment),
    'attachment photo.jpg (metadata)',
  ],
  [
    "text after a PDF's %%EOF",
    withAttachment('report.pdf', 'application/pdf', Buffer.concat([TINY_PDF, Buffer.from(CARD)])),
    'attachment report.pdf (appended)',
  ],
  [
    'an unreferenced member of a DOCX',
    withAttachment(
      'letter.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fixture('stray-member.docx'),
    ),
    'attachment letter.docx (word/secret.txt)',
  ],
]

describe('content a reader can see but the relay did not inspect', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { workers: 1 } })
  })
  afterAll(() => relay.stop())

  it.each(CASES)('holds a card hidden in %s', async (_label, message, where, masked = MASKED) => {
    const before = new Set((await relay.relay.store.listQuarantined({})).map((r) => r.id))

    const result = await sendRaw(relay.port, ENVELOPE, message)

    expect(result.response).toContain('held for review')
    const held = (await relay.relay.store.listQuarantined({})).filter((r) => !before.has(r.id))
    const report = held[0]?.report as VerdictReport | undefined
    const cards = report?.findings.filter((f) => f.category === 'CREDIT_CARD') ?? []
    const found = cards.map((f) => [f.masked, f.where])
    // The DOCX case holds a second card (5555 …) in its stray member.
    expect(found.length).toBeGreaterThan(0)
    expect(found).toContainEqual([where.includes('docx') ? '5555 **** **** 4444' : masked, where])
  })
})

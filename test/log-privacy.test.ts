// Planted values go through the whole relay; none of them may reach the log, at any level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRelay, type TestRelay } from './helpers/relay.js'
import { sendRaw } from './helpers/clients.js'

const CARD = '4012 8888 8888 1881'
const AWS_KEY = 'AKIAQ3EGRT7UVWXY2Z45'
const IBAN = 'GB82 WEST 1234 5698 7654 32'
const SUBJECT = 'Zebra-771 acquisition shortlist'
const BODY_PHRASE = 'the quiet heron leaves at dawn'
const FILE_NAME = 'salaries-jane-doe.csv'
const ATTACHMENT_PHRASE = 'Jane Doe,Finance'

const PLANTED = [
  CARD,
  CARD.replace(/ /g, ''),
  AWS_KEY,
  IBAN,
  IBAN.replace(/ /g, ''),
  SUBJECT,
  'Zebra-771',
  BODY_PHRASE,
  FILE_NAME,
  'salaries-jane-doe',
  ATTACHMENT_PHRASE,
]

function message(): string {
  const csv = Buffer.from(`name,team,iban\r\n${ATTACHMENT_PHRASE},${IBAN}\r\n`).toString('base64')
  return [
    'From: Alice <alice@example.com>',
    'To: Desk <desk@partner.example.net>',
    `Subject: ${SUBJECT}`,
    'Message-ID: <privacy-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hi, ${BODY_PHRASE}. Card ${CARD}, key ${AWS_KEY}.`,
    '--b1',
    `Content-Type: text/csv; name="${FILE_NAME}"`,
    `Content-Disposition: attachment; filename="${FILE_NAME}"`,
    'Content-Transfer-Encoding: base64',
    '',
    csv,
    '--b1--',
    '',
  ].join('\r\n')
}

describe('what the relay logs', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay({ log: { level: 'debug' } })
  })
  afterAll(() => relay.stop())

  it('never writes planted values, subjects, file names or body text to the log', async () => {
    const held = await sendRaw(
      relay.port,
      { from: 'alice@example.com', to: ['desk@partner.example.net'] },
      message(),
    )
    const delivered = await sendRaw(
      relay.port,
      { from: 'alice@example.com', to: ['bob@example.com'] },
      message(),
    )
    expect(held.code).toBe(250)
    expect(delivered.code).toBe(250)
    await new Promise((resolve) => setTimeout(resolve, 300))

    const log = relay.logLines.join('\n')
    expect(
      relay
        .decisions()
        .map((decision) => decision.action)
        .sort(),
    ).toEqual(['hold', 'release'])
    for (const value of PLANTED) expect(log, `log contains "${value}"`).not.toContain(value)
  })

  it('keeps only masked samples in the quarantine record and in the sender notice', async () => {
    const [record] = await relay.relay.store.listQuarantined({ status: 'held' })
    const stored = JSON.stringify(record?.report)
    for (const value of [CARD, CARD.replace(/ /g, ''), AWS_KEY, IBAN, IBAN.replace(/ /g, '')]) {
      expect(stored).not.toContain(value)
    }

    const notices = (relay.sink?.messages() ?? []).filter((m) => m.mailFrom === '')
    expect(notices.length).toBeGreaterThan(0)
    for (const notice of notices) {
      const text = notice.raw.toString('utf8').replace(/=\r?\n/g, '')
      for (const value of [CARD, CARD.replace(/ /g, ''), AWS_KEY, IBAN, SUBJECT])
        expect(text).not.toContain(value)
    }
  })
})

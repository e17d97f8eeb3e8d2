// RFC 2920 pipelining over a real socket: whole transactions, one after another, in one TCP
// write. Each message gets its own decision and its own reply, in order, and what follows the
// last one (QUIT, another transaction) is still read: nothing is lost, nothing is sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { pipelineInOneWrite } from './helpers/clients.js'
import { startTestRelay, type TestRelay, type TestSink } from './helpers/relay.js'
import { sharedPath } from './helpers/shared.js'

function message(id: string, to: string, body: string): string {
  return [
    'From: Alice <alice@example.com>',
    `To: ${to}`,
    `Subject: pipelined ${id}`,
    `Message-ID: <${id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    body,
    '.',
    '',
  ].join('\r\n')
}

function transaction(id: string, to: string, body: string): string {
  return `MAIL FROM:<alice@example.com>\r\nRCPT TO:<${to}>\r\nDATA\r\n${message(id, to, body)}`
}

const codes = (replies: readonly string[]) => replies.map((line) => line.slice(0, 3))

describe('pipelined transactions in one write', () => {
  let relay: TestRelay
  let sink: TestSink

  beforeAll(async () => {
    relay = await startTestRelay()
    sink = relay.sink as TestSink
  })
  afterAll(() => relay.stop())

  it('C03 in one write: both messages decided and answered in order, then 221', async () => {
    // The shared case's bytes with its turns (0x1E) collapsed: EHLO apart, then everything else
    // (both transactions and QUIT) as a single write.
    const turns = readFileSync(sharedPath('cases', 'C03-pipelined-two-messages-early-quit.smtp'))
      .toString('latin1')
      .split('\u001e')
    const batch = turns.slice(1).join('')
    const decidedBefore = relay.decisions().length

    const { replies, closed } = await pipelineInOneWrite(relay.port, Buffer.from(batch, 'latin1'))

    expect(codes(replies)).toEqual(['250', '250', '354', '250', '250', '250', '354', '250', '221'])
    expect(closed).toBe(true)
    expect(replies[3]).toMatch(/^250 2\.0\.0 Delivered \(ref mw-/)
    expect(replies[7]).toMatch(/^250 2\.0\.0 Accepted and held for review \(ref mw-/)
    expect(
      relay
        .decisions()
        .slice(decidedBefore)
        .map((d) => d.action),
    ).toEqual(['release', 'hold'])

    const first = sink.messages().filter((m) => m.raw.includes('<c03.first@example.com>'))
    expect(first.map((m) => m.rcptTo)).toEqual([['desk@partner.example.net']])
    const held = await relay.relay.store.listQuarantined({})
    const second = held.filter((record) => record.messageId === '<c03.second@example.com>')
    expect(second.map((record) => record.recipients)).toEqual([['ap@vendor.example.org']])
    expect(sink.messages().some((m) => m.raw.includes('<c03.second@example.com>'))).toBe(false)
  })

  it('three transactions in one write: the third is neither lost nor delivered twice', async () => {
    const batch =
      transaction('pipe-1', 'desk@partner.example.net', 'Lunch on Friday?') +
      transaction('pipe-2', 'ap@vendor.example.org', 'Please charge 4111 1111 1111 1111.') +
      transaction('pipe-3', 'desk@partner.example.net', 'Or Saturday, if that suits better.') +
      'QUIT\r\n'

    const { replies, closed } = await pipelineInOneWrite(relay.port, batch)

    const transactionCodes = ['250', '250', '354', '250']
    expect(codes(replies)).toEqual([
      ...transactionCodes,
      ...transactionCodes,
      ...transactionCodes,
      '221',
    ])
    expect(closed).toBe(true)
    const refs = [replies[3], replies[7], replies[11]].map(
      (line) => /\(ref (mw-\w+)\)/.exec(line ?? '')?.[1],
    )
    expect(new Set(refs).size).toBe(3)

    // The sink stores a message once it has answered the relay, before the relay answers us.
    const delivered = (id: string) => sink.messages().filter((m) => m.raw.includes(`<${id}@`))
    expect(delivered('pipe-1').map((m) => m.rcptTo)).toEqual([['desk@partner.example.net']])
    expect(delivered('pipe-2')).toEqual([])
    expect(delivered('pipe-3').map((m) => m.rcptTo)).toEqual([['desk@partner.example.net']])
    const held = await relay.relay.store.listQuarantined({})
    const second = held.filter((record) => record.messageId === '<pipe-2@example.com>')
    expect(second.map((record) => record.recipients)).toEqual([['ap@vendor.example.org']])
  })
})

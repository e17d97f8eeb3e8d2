// The budget for all messages being received at once (limits.maxReceivingMiB): a message that
// does not fit gets a temporary failure with a clear text, the client keeps it, and the relay
// goes on serving the messages that fit. Its bytes are given back, so a later one is received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sendRaw } from './helpers/clients.js'
import { startTestRelay, type TestRelay } from './helpers/relay.js'

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }

function message(bodyBytes: number): string {
  const line = `${'x'.repeat(76)}\r\n`
  const body = line.repeat(Math.ceil(bodyBytes / line.length))
  return `From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: report\r\n\r\n${body}`
}

describe('the receiving budget', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { workers: 1, maxReceivingMiB: 1 } })
  })
  afterAll(() => relay.stop())

  it('answers 452 4.3.1 to a message that does not fit, then receives one that does', async () => {
    const big = await sendRaw(relay.port, ENVELOPE, message(1536 * 1024))
    expect(big.code).toBe(452)
    expect(big.response).toMatch(
      /^452 4\.3\.1 Too much mail being received at once, try again later \(ref mw-/,
    )

    const small = await sendRaw(relay.port, ENVELOPE, message(200 * 1024))
    expect(small.code).toBe(250)
    expect(relay.sink?.messages().filter((m) => m.raw.includes('Subject: report'))).toHaveLength(1)

    const busy = relay.logLines.filter((line) => line.includes('"data.busy"'))
    expect(busy).toHaveLength(1)
    expect(busy[0]).toContain('"limit":1048576')
    expect(busy[0]).not.toContain('xxxx')
  })
})

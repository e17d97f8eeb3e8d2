// The relay end to end over real SMTP: nodemailer and swaks as clients, a real SMTP server as
// next hop, the compiled CLI for the operator's side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:net'
import { startTestRelay, startTestSink, type TestRelay, type TestSink } from './helpers/relay.js'
import { converse, sendRaw, swaks } from './helpers/clients.js'
import { mailward } from './helpers/cli.js'
import {
  startPickyNextHop,
  type PickyMessage,
  type PickyNextHop,
} from './helpers/picky-next-hop.js'
import { readTopHeader } from '../src/smtp/raw-header.js'
import { simpleParser } from 'mailparser'

const CLEAN = [
  'From: Alice <alice@example.com>',
  'To: Desk <desk@partner.example.net>',
  'Subject: Lunch on Friday',
  'Message-ID: <clean-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello,',
  '.leading dot line stays a leading dot line',
  'Shall we meet at noon? Bring the slides.',
  '',
].join('\r\n')

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }

describe('relay with a reachable next hop', () => {
  let relay: TestRelay
  let sink: TestSink

  beforeAll(async () => {
    relay = await startTestRelay()
    sink = relay.sink as TestSink
  })
  afterAll(() => relay.stop())

  it('delivers a clean message with its body byte-identical', async () => {
    const result = await sendRaw(relay.port, ENVELOPE, CLEAN)

    expect(result.code).toBe(250)
    expect(result.response).toMatch(/2\.0\.0 Delivered \(ref mw-/)
    const delivered = sink.messages().find((m) => m.raw.includes('clean-1@example.com'))
    expect(delivered?.raw.toString('utf8')).toBe(CLEAN)
    expect(delivered?.rcptTo).toEqual(['desk@partner.example.net'])
  })

  it('holds a card-number message sent with swaks, and the CLI releases it once', async () => {
    const before = sink.messages().length
    const sent = await swaks(relay.port, [
      '--from',
      'alice@example.com',
      '--to',
      'desk@partner.example.net',
      '--header',
      'Subject: invoice',
      '--body',
      'Please charge 4111 1111 1111 1111 for the order.',
    ])
    expect(sent.code).toBe(250)
    expect(sent.transcript).toMatch(/held for review \(ref (mw-[a-z2-7]+)\)/)
    const ref = /held for review \(ref (mw-[a-z2-7]+)\)/.exec(sent.transcript)?.[1] as string

    // Only the sender's notice reached the next hop, not the message.
    const notices = sink.messages().slice(before)
    expect(notices.every((m) => m.rcptTo[0] === 'alice@example.com')).toBe(true)

    const listed = await mailward(['quarantine', 'list', '--data', relay.dataDir, '--json'])
    expect(listed.code).toBe(0)
    const entries = JSON.parse(listed.stdout) as {
      id: string
      status: string
      categories: Record<string, number>
    }[]
    expect(entries.find((entry) => entry.id === ref)).toMatchObject({
      status: 'held',
      categories: { CREDIT_CARD: 1 },
    })

    const nextHop = `127.0.0.1:${sink.port}`
    const released = await mailward([
      'quarantine',
      'release',
      ref,
      '--data',
      relay.dataDir,
      '--next-hop',
      nextHop,
      '--reason',
      'test',
    ])
    expect(released.stdout).toContain(`${ref}: released for desk@partner.example.net and delivered`)
    expect(released.code).toBe(0)
    const deliveredCopies = () =>
      sink
        .messages()
        .filter((m) => m.rcptTo.includes('desk@partner.example.net') && m.raw.includes('4111 1111'))
    expect(deliveredCopies()).toHaveLength(1)

    const again = await mailward([
      'quarantine',
      'release',
      ref,
      '--data',
      relay.dataDir,
      '--next-hop',
      nextHop,
    ])
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('not held (it is released)')
    expect(deliveredCopies()).toHaveLength(1)
  })

  it('offers STARTTLS with the generated certificate', async () => {
    const sent = await swaks(relay.port, [
      '--tls',
      '--from',
      'alice@example.com',
      '--to',
      'bob@example.com',
      '--body',
      'hello',
    ])
    expect(sent.transcript).toContain('TLS started')
    expect(sent.code).toBe(250)
  })

  it('holds a PKCS#12 key store sent with swaks, naming it in the report', async () => {
    const before = sink.messages().length
    const store = new URL('fixtures/extract/keys/openssl-key.p12', import.meta.url)
    const sent = await swaks(relay.port, [
      '--from',
      'alice@example.com',
      '--to',
      'desk@partner.example.net',
      '--header',
      'Subject: the certificate',
      '--body',
      'Here is the certificate for the web server.',
      '--attach-type',
      'application/octet-stream',
      '--attach-name',
      'server.pfx',
      '--attach',
      `@${store.pathname}`,
    ])
    expect(sent.code).toBe(250)
    const ref = /held for review \(ref (mw-[a-z2-7]+)\)/.exec(sent.transcript)?.[1] as string
    expect(ref).toBeDefined()
    // Only the sender's notice reached the next hop, not the message.
    const sinceThen = sink.messages().slice(before)
    expect(sinceThen.every((m) => m.rcptTo[0] === 'alice@example.com')).toBe(true)

    const shown = await mailward(['quarantine', 'show', ref, '--data', relay.dataDir])
    expect(shown.stdout).toContain('PRIVATE_KEY')
    expect(shown.stdout).toContain('PKCS#12 key store')
  })

  it('refuses a message over the size limit with 552 5.3.4 and forwards nothing', async () => {
    const small = await startTestRelay({ limits: { maxMessageBytes: 20_000 } })
    try {
      const big = `${CLEAN}${'x'.repeat(70)}\r\n`.repeat(400)
      const result = await sendRaw(small.port, ENVELOPE, big)
      expect(result.code).toBe(552)
      expect(result.response).toContain('5.3.4')
      expect(small.sink?.messages()).toHaveLength(0)
    } finally {
      await small.stop()
    }
  })
})

describe('what the relay answers to each command', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 1_000_000 } })
  })
  afterAll(() => relay.stop())

  it('advertises enhanced status codes and puts exactly one, the right one, on every reply', async () => {
    const replies = await converse(relay.port, [
      'EHLO client.example',
      'MAIL FROM:<alice@example.com> SIZE=2000000',
      'MAIL FROM:<alice@example.com> FOO=bar',
      'MAIL FROM:<alice@example.com>',
      'RCPT TO:<desk@partner.example.net> BAR=1',
      'RCPT TO:<desk@partner.example.net>',
      'BDAT 10',
      'QUIT',
    ])
    const [greeting, ehlo, tooBig, unknownMail, mail, unknownRcpt, rcpt, unknown, bye] = replies

    // RFC 2034 §3: the greeting and EHLO carry none.
    expect(greeting).toMatch(/^220 \S+ ESMTP mailward$/)
    expect(ehlo).toContain('250-ENHANCEDSTATUSCODES')
    expect(tooBig).toMatch(/^552 5\.3\.4 /)
    expect(unknownMail).toBe('555 5.5.4 MAIL parameter FOO is not supported')
    expect(mail).toBe('250 2.1.0 Accepted')
    expect(unknownRcpt).toBe('555 5.5.4 RCPT parameter BAR is not supported')
    expect(rcpt).toBe('250 2.1.5 Accepted')
    expect(unknown).toMatch(/^5\d\d 5\.5\.\d /)
    expect(bye).toMatch(/^221 2\.0\.0 /)
    for (const reply of [tooBig, unknownMail, mail, unknownRcpt, rcpt, unknown, bye]) {
      expect(reply?.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/g)).toHaveLength(1)
    }
  })

  it('refuses a non-ASCII address without SMTPUTF8 and takes it with SMTPUTF8', async () => {
    const replies = await converse(relay.port, [
      'EHLO client.example',
      'MAIL FROM:<jörg@example.com>',
      'MAIL FROM:<jörg@example.com> SMTPUTF8',
      'RCPT TO:<søren@partner.example.net>',
      'QUIT',
    ])

    expect(replies[2]).toBe('553 5.6.7 Non-ASCII address without SMTPUTF8 on MAIL FROM')
    expect(replies[3]).toBe('250 2.1.0 Accepted')
    expect(replies[4]).toBe('250 2.1.5 Accepted')
  })

  it('refuses a NUL byte in the data, which could smuggle a second message past a stripping hop', async () => {
    const before = relay.sink?.messages().length ?? 0
    const replies = await converse(relay.port, [
      'EHLO client.example',
      'MAIL FROM:<alice@example.com>',
      'RCPT TO:<desk@partner.example.net>',
      'DATA',
      [
        'Subject: hello',
        '',
        'body',
        '\0.',
        'MAIL FROM:<evil@example.com>',
        'RCPT TO:<victim@partner.example.net>',
        'DATA',
        'card 4111 1111 1111 1111',
        '.',
      ].join('\r\n'),
      'NOOP',
    ])

    expect(replies[5]).toMatch(/^554 5\.6\.0 NUL byte in message data/)
    expect(replies[6]).toMatch(/^250 /)
    expect(relay.sink?.messages().length ?? 0).toBe(before)
  })
})

describe('copies with one Network-Message-Id', () => {
  // Exchange Online gives every transaction of a message split by recipients, and every retry,
  // the message's one Network-Message-Id (M365.md §3, §5).
  const copy = (tag: string): string =>
    [
      'X-MS-Exchange-CrossTenant-Network-Message-Id: 11111111-2222-3333-4444-000000000001',
      'From: alice@example.com',
      'Subject: card for the booking',
      '',
      `card 4111 1111 1111 1111 ${tag}`,
      '',
    ].join('\r\n')

  it('holds each batch of recipients and answers a retry with the first hold', async () => {
    const relay = await startTestRelay()
    try {
      const first = await sendRaw(
        relay.port,
        { from: 'alice@example.com', to: ['first@partner.example.net'] },
        copy('A'),
      )
      const second = await sendRaw(
        relay.port,
        { from: 'alice@example.com', to: ['second@other.example.org'] },
        copy('B'),
      )
      const retry = await sendRaw(
        relay.port,
        { from: 'alice@example.com', to: ['FIRST@partner.example.net'] },
        copy('A'),
      )

      expect(first.response).toMatch(/^250 2\.0\.0 Accepted and held/)
      expect(second.response).toMatch(/^250 2\.0\.0 Accepted and held/)
      const firstRef = /ref (mw-[a-z2-7]+)/.exec(first.response)?.[1]
      expect(retry.response).toContain(`(ref ${firstRef ?? '?'})`)
      const held = await relay.relay.store.listQuarantined({})
      expect(held.map((record) => record.recipients).sort()).toEqual([
        ['first@partner.example.net'],
        ['second@other.example.org'],
      ])
    } finally {
      await relay.stop()
    }
  })
})

describe('relay with the next hop down or refusing', () => {
  it('answers 451 4.4.1 when the next hop is down, and keeps nothing it did not accept', async () => {
    const port = await unusedPort()
    const relay = await startTestRelay({}, { nextHop: `127.0.0.1:${port}` })
    try {
      const result = await sendRaw(relay.port, ENVELOPE, CLEAN)
      expect(result.code).toBe(451)
      expect(result.response).toContain('4.4.1')

      // The upstream still has the message and retries; once the next hop is back it goes through.
      const sink = await startTestSink(port)
      try {
        const retry = await sendRaw(relay.port, ENVELOPE, CLEAN)
        expect(retry.code).toBe(250)
        expect(sink.messages()).toHaveLength(1)
      } finally {
        await sink.close()
      }
    } finally {
      await relay.stop()
    }
  })

  it('passes a 5xx from the next hop upstream as a 5xx', async () => {
    const refusing = await startRefusingServer(554)
    const relay = await startTestRelay({}, { nextHop: `127.0.0.1:${refusing.port}` })
    try {
      const result = await sendRaw(relay.port, ENVELOPE, CLEAN)
      expect(result.code).toBe(554)
      expect(result.response).toContain('refused')
    } finally {
      await relay.stop()
      await refusing.close()
    }
  })
})

describe('relay with a next hop that refuses some recipients', () => {
  const DESK = 'desk@partner.example.net'
  const BUSY = 'busy@partner.example.net'
  const GONE = 'gone@partner.example.net'
  const FAST_OUTBOX = {
    outbox: { pollSeconds: 0.05, retryFirstSeconds: 0.05, retryMaxSeconds: 0.2 },
  }
  let picky: PickyNextHop
  let relay: TestRelay
  let sent = 0

  beforeAll(async () => {
    picky = await startPickyNextHop()
    relay = await startTestRelay(FAST_OUTBOX, { nextHop: picky.address })
  })
  afterAll(async () => {
    await relay.stop()
    await picky.close()
  })

  async function send(to: string[]) {
    const marker = `partial-${++sent}-${Date.now()}`
    const raw = CLEAN.replace('Lunch on Friday', `Lunch ${marker}`)
    const result = await sendRaw(relay.port, { from: 'alice@example.com', to }, raw)
    const ref = /\(ref (mw-[a-z2-7]+)\)/.exec(result.response)?.[1] as string
    const copies = () => picky.messages().filter((m) => m.raw.includes(`Lunch ${marker}`))
    return { result, ref, marker, copies }
  }

  const undeliverableFor = (ref: string) => (message: PickyMessage) =>
    readTopHeader(message.raw, 'x-mailward-notice') === 'undeliverable' &&
    readTopHeader(message.raw, 'x-mailward-ref') === ref

  // A 451 to one RCPT dropped that recipient while the relay answered 250, logged
  // next-hop.partial and sent an undeliverable notice: the message was lost for them.
  it('keeps a recipient the next hop deferred with 451 in the outbox, answers 250, and delivers it later', async () => {
    picky.refuse.set(BUSY, '451 4.2.1 Mailbox busy, try later')
    const { result, ref, marker, copies } = await send([DESK, BUSY])
    expect(result.code).toBe(250)
    expect(copies().map((m) => m.rcptTo)).toEqual([[DESK]])

    const kept = (await relay.relay.store.listOutbox()).filter((item) => item.ref === ref)
    expect(kept).toMatchObject([{ kind: 'forward', rcptTo: [BUSY] }])

    picky.refuse.delete(BUSY)
    await picky.waitFor(
      'the retried copy',
      (m) => m.raw.includes(marker) && m.rcptTo.includes(BUSY),
    )
    await relay.relay.outbox.runOnce()
    expect(copies().map((m) => m.rcptTo)).toEqual([[DESK], [BUSY]])
    expect(picky.messages().some(undeliverableFor(ref))).toBe(false)
    expect((await relay.relay.store.getOutbox(kept[0]?.id ?? 0))?.status).toBe('sent')
  })

  it('names each recipient refused for good in the undeliverable notice, and retries none of them', async () => {
    picky.refuse.set(GONE, '550 5.1.1 No such user here')
    const { result, ref, copies } = await send([DESK, GONE])
    expect(result.code).toBe(250)
    expect(copies().map((m) => m.rcptTo)).toEqual([[DESK]])

    const notice = await picky.waitFor('the undeliverable notice', undeliverableFor(ref))
    expect(notice.rcptTo).toEqual(['alice@example.com'])
    const text = (await simpleParser(notice.raw)).text ?? ''
    expect(text).toContain(`Your message could not be delivered to: ${GONE}.`)
    expect(text).toContain(`  - ${GONE}: refused by the receiving server (550 5.1.1)`)
    expect(text).not.toContain(DESK)
    const forwards = (await relay.relay.store.listOutbox()).filter(
      (item) => item.ref === ref && item.kind === 'forward',
    )
    expect(forwards).toEqual([])
    picky.refuse.delete(GONE)
  })

  // Every recipient refused with 550 5.1.1 reached the upstream as 550 5.0.0.
  it("passes the next hop's enhanced code upstream when every recipient is refused for good", async () => {
    picky.refuse.set(GONE, '550 5.1.1 No such user here')
    const { result, copies } = await send([GONE])
    expect(result.code).toBe(550)
    expect(result.response).toMatch(/^550[ -]5\.1\.1 /)
    expect(copies()).toEqual([])
    picky.refuse.delete(GONE)
  })

  it('answers 451 when the next hop deferred every recipient, and keeps nothing', async () => {
    picky.refuse.set(BUSY, '451 4.2.1 Mailbox busy, try later')
    picky.refuse.set(GONE, '550 5.1.1 No such user here')
    const { result, ref, copies } = await send([BUSY, GONE])
    expect(result.code).toBe(451)
    expect(result.response).toContain('4.4.1')
    expect(copies()).toEqual([])
    expect((await relay.relay.store.listOutbox()).filter((item) => item.ref === ref)).toEqual([])
    picky.refuse.clear()
  })
})

describe('who may send through the relay', () => {
  it('refuses a source outside the allowed CIDRs at connect with 554 5.7.1', async () => {
    const relay = await startTestRelay({ sources: ['192.0.2.0/24'] })
    try {
      const result = await sendRaw(relay.port, ENVELOPE, CLEAN)
      expect(result.code).toBe(554)
      expect(result.response).toContain('5.7.1')
      expect(relay.sink?.messages()).toHaveLength(0)
    } finally {
      await relay.stop()
    }
  })

  it('refuses a message without an accepted tenant id with 550 5.7.1 and accepts a listed one', async () => {
    const tenant = '3dd8961f-e488-4e60-8e11-a82d994e183d'
    const relay = await startTestRelay({ tenants: [tenant] })
    try {
      const missing = await sendRaw(relay.port, ENVELOPE, CLEAN)
      expect(missing.code).toBe(550)
      expect(missing.response).toContain('5.7.1')
      // smtp-server's generic code for a 550 (5.1.1, bad mailbox) must not be added to ours.
      expect(missing.response).not.toContain('5.1.1')

      const foreign = await sendRaw(
        relay.port,
        ENVELOPE,
        `X-MS-Exchange-CrossTenant-Id: 00000000-0000-0000-0000-000000000001\r\n${CLEAN}`,
      )
      expect(foreign.code).toBe(550)

      const listed = await sendRaw(
        relay.port,
        ENVELOPE,
        `X-MS-Exchange-CrossTenant-Id: ${tenant.toUpperCase()}\r\n${CLEAN}`,
      )
      expect(listed.code).toBe(250)
      expect(relay.sink?.messages()).toHaveLength(1)
    } finally {
      await relay.stop()
    }
  })
})

async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address !== null ? address.port : 0
}

/** A real SMTP peer (Postfix's smtp-sink) that refuses every message at end of DATA. */
async function startRefusingServer(
  code: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  const { spawn } = await import('node:child_process')
  const port = await unusedPort()
  const child = spawn(
    'smtp-sink',
    ['-u', 'nobody', '-B', `${code} 5.7.1 Refused by policy`, '-f', '.', `127.0.0.1:${port}`, '10'],
    {
      stdio: 'ignore',
    },
  )
  await waitForPort(port)
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net')
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nothing listens on port ${port}`)
}

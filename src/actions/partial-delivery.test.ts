import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { createLogger } from '../log/index.js'
import { openSqliteStore } from '../store/index.js'
import type { Store } from '../store/types.js'
import type { NextHop } from './next-hop.js'
import { loadNoticeTemplates } from './notice-templates.js'
import { finishPartialDelivery, type PartialDeliveryContext } from './partial-delivery.js'

const SENDER = 'alice@example.com'
const [DESK, BUSY, GONE] = ['desk@x.example', 'busy@x.example', 'gone@x.example']
const MESSAGE = {
  ref: 'mw-partial',
  envelope: {
    mailFrom: SENDER,
    rcptTo: [DESK, BUSY, GONE],
    clientAddress: '127.0.0.1',
    heloName: 'x',
    tls: false,
  },
  raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
  receivedAt: new Date('2026-12-03T10:00:00Z'),
}
const RESULT = {
  kind: 'accepted',
  code: 250,
  deferred: [{ address: BUSY, code: 451, enhanced: '4.2.1' }],
  rejected: [{ address: GONE, code: 550, enhanced: '5.1.1' }],
} as const

function context(store: Store, sent: { rcptTo: readonly string[]; raw: Buffer }[]) {
  const loaded = loadNoticeTemplates()
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'))
  const nextHop: NextHop = {
    address: 'test',
    send(_from, rcptTo, raw) {
      sent.push({ rcptTo, raw })
      return Promise.resolve({ kind: 'accepted', code: 250, deferred: [], rejected: [] })
    },
    close: () => undefined,
  }
  const lines: string[] = []
  const log = createLogger('debug', { write: (line: string) => lines.push(line) })
  const ctx: PartialDeliveryContext = {
    store,
    nextHop,
    notices: {
      templates: loaded.templates,
      settings: { enabled: true, from: 'mailward@localhost' },
      replyDomain: 'mailward.localhost',
      key: undefined,
    },
    outbox: undefined,
    retryFirstMs: 30_000,
    log,
  }
  return { ctx, lines }
}

describe('finishPartialDelivery', () => {
  it('keeps the deferred recipients for a retry after the first backoff, and tells the sender about the refused', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-partial-')))
    const { ctx } = context(store, [])
    const before = Date.now()
    await finishPartialDelivery(MESSAGE, RESULT, ctx)

    const [forward, notice, ...rest] = await store.listOutbox()
    expect(rest).toEqual([])
    expect(forward).toMatchObject({ kind: 'forward', ref: 'mw-partial', rcptTo: [BUSY] })
    expect(forward?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000)
    expect((await store.outboxPayload(forward as never)).equals(MESSAGE.raw)).toBe(true)
    expect(notice).toMatchObject({ kind: 'notice', ref: 'mw-partial', rcptTo: [SENDER] })
    const text = (await simpleParser(await store.outboxPayload(notice as never))).text ?? ''
    expect(text).toContain(`Your message could not be delivered to: ${GONE}.`)
    await store.close()
  })

  // The store could not keep the deferred recipient: 451 upstream would resend the message to
  // the ones who have it, so the relay answers 250 and the sender must hear of it at once.
  it('sends the undeliverable notice straight to the next hop when the store fails, naming the recipients it could not keep', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-partial-')))
    const broken: Store = Object.create(store) as Store
    broken.enqueue = () => Promise.reject(new Error('disk I/O error'))
    const sent: { rcptTo: readonly string[]; raw: Buffer }[] = []
    const { ctx, lines } = context(broken, sent)

    await finishPartialDelivery(MESSAGE, RESULT, ctx)

    expect(sent.map((message) => message.rcptTo)).toEqual([[SENDER]])
    const text = (await simpleParser(sent[0]?.raw ?? Buffer.alloc(0))).text ?? ''
    expect(text).toContain(`Your message could not be delivered to: ${GONE}, ${BUSY}.`)
    expect(text).toContain(`  - ${BUSY}: temporarily refused by the receiving server, and it`)
    const events = lines.map((line) => (JSON.parse(line) as { event: string }).event)
    expect(events).toEqual(['next-hop.deferred-lost', 'notice.unqueued', 'notice.sent-directly'])
    expect(lines.join('\n')).not.toContain(BUSY)
    await store.close()
  })
})

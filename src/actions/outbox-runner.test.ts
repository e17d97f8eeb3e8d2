import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { openSqliteStore } from '../store/index.js'
import type { Store } from '../store/types.js'
import type { DeliveryResult, NextHop } from './next-hop.js'
import { loadNoticeTemplates } from './notice-templates.js'
import type { NoticeContext } from './notices.js'
import { DEFAULT_OUTBOX_POLICY, sendOutboxItem } from './outbox-runner.js'

const SENDER = 'alice@example.com'
const [DESK, BUSY, GONE] = ['desk@x.example', 'busy@x.example', 'gone@x.example']
const POLICY = { ...DEFAULT_OUTBOX_POLICY, retryFirstMs: 10, retryMaxMs: 10 }

function noticeContext(): NoticeContext {
  const loaded = loadNoticeTemplates()
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'))
  const settings = { enabled: true, from: 'mailward@localhost' }
  return {
    templates: loaded.templates,
    settings,
    replyDomain: 'mailward.localhost',
    key: undefined,
  }
}

/** A next hop that answers each attempt from a script, and records who it was asked for. */
function scriptedNextHop(answers: DeliveryResult[]): NextHop & { asked: string[][] } {
  const asked: string[][] = []
  return {
    address: 'scripted',
    asked,
    send(_from, rcptTo) {
      asked.push([...rcptTo])
      const answer = answers.shift()
      if (answer === undefined) throw new Error('no more scripted answers')
      return Promise.resolve(answer)
    },
    close: () => undefined,
  }
}

const refusal = (address: string, code: number, enhanced: `${4 | 5}.${number}.${number}`) => ({
  address,
  code,
  enhanced,
})

async function forwardItem(store: Store, rcptTo: string[]) {
  const id = await store.enqueue({
    kind: 'forward',
    messageRef: 'mw-forwarded',
    mailFrom: SENDER,
    rcptTo,
    raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
  })
  return claim(store, id)
}

async function claim(store: Store, id: number) {
  const item = await store.claimById(id, new Date(Date.now() + 1000), POLICY.leaseMs)
  if (item === undefined) throw new Error(`outbox item ${id} not claimable`)
  return item
}

async function noticeText(store: Store): Promise<string[]> {
  const texts: string[] = []
  for (const item of await store.listOutbox()) {
    if (item.kind !== 'notice') continue
    texts.push((await simpleParser(await store.outboxPayload(item))).text ?? '')
  }
  return texts
}

// On a retry the next hop took some recipients and deferred others; the item was marked sent
// and the deferred ones were never tried again.
describe('sendOutboxItem with a next hop that takes some recipients', () => {
  it('keeps the recipients it deferred in the item and retries only them', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-outbox-')))
    const nextHop = scriptedNextHop([
      { kind: 'accepted', code: 250, deferred: [refusal(BUSY, 451, '4.2.1')], rejected: [] },
      { kind: 'accepted', code: 250, deferred: [], rejected: [] },
    ])
    const item = await forwardItem(store, [DESK, BUSY])

    const first = await sendOutboxItem(item, store, nextHop, POLICY, noticeContext())
    expect(first).toMatchObject({ kind: 'partly-sent', deferred: 1, rejected: 0 })
    expect(await store.getOutbox(item.id)).toMatchObject({
      status: 'pending',
      rcptTo: [BUSY],
      attempts: 1,
      ref: 'mw-forwarded',
    })

    const second = await sendOutboxItem(await claim(store, item.id), store, nextHop, POLICY)
    expect(second).toEqual({ kind: 'sent', rejected: 0 })
    expect(nextHop.asked).toEqual([[DESK, BUSY], [BUSY]])
    expect(await noticeText(store)).toEqual([])
    const events = (await store.auditFor('mw-forwarded')).map((row) => row.event)
    expect(events).toEqual(['outbox.partly-sent', 'outbox.sent'])
    await store.close()
  })

  it('tells the sender about each recipient refused for good, naming them and the reply', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-outbox-')))
    const nextHop = scriptedNextHop([
      { kind: 'accepted', code: 250, deferred: [], rejected: [refusal(GONE, 550, '5.1.1')] },
    ])
    const item = await forwardItem(store, [DESK, GONE])

    expect(await sendOutboxItem(item, store, nextHop, POLICY, noticeContext())).toEqual({
      kind: 'sent',
      rejected: 1,
    })
    const [text, ...others] = await noticeText(store)
    expect(others).toEqual([])
    expect(text).toContain(`Your message could not be delivered to: ${GONE}.`)
    expect(text).toContain(`  - ${GONE}: refused by the receiving server (550 5.1.1)`)
    expect((await store.listOutbox()).find((i) => i.kind === 'notice')).toMatchObject({
      rcptTo: [SENDER],
      mailFrom: '',
      ref: 'mw-forwarded',
    })
    await store.close()
  })

  it('gives up a recipient still deferred after the give-up time, and tells the sender', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-outbox-')))
    const nextHop = scriptedNextHop([
      { kind: 'accepted', code: 250, deferred: [refusal(BUSY, 451, '4.2.1')], rejected: [] },
    ])
    const item = await forwardItem(store, [DESK, BUSY])
    const expired = { ...POLICY, giveUpAfterMs: -1 }

    expect(await sendOutboxItem(item, store, nextHop, expired, noticeContext())).toEqual({
      kind: 'sent',
      rejected: 1,
    })
    const [text] = await noticeText(store)
    expect(text).toContain(`  - ${BUSY}: not accepted for 0 hours (last reply 451 4.2.1)`)
    await store.close()
  })

  it('tells the sender about every recipient of a forward the next hop refuses outright', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-outbox-')))
    const nextHop = scriptedNextHop([
      { kind: 'permanent', code: 554, enhanced: '5.7.1', reason: 'next hop answered 554' },
    ])
    const item = await forwardItem(store, [BUSY])

    expect(await sendOutboxItem(item, store, nextHop, POLICY, noticeContext())).toEqual({
      kind: 'failed',
      reason: 'next hop answered 554',
    })
    const [text] = await noticeText(store)
    expect(text).toContain(`  - ${BUSY}: refused by the receiving server (554 5.7.1)`)
    expect((await store.getOutbox(item.id))?.status).toBe('failed')
    await store.close()
  })

  it('never writes a notice about a notice', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'mailward-outbox-')))
    const nextHop = scriptedNextHop([
      { kind: 'permanent', code: 550, enhanced: '5.1.1', reason: 'next hop answered 550' },
    ])
    const id = await store.enqueue({
      kind: 'notice',
      mailFrom: '',
      rcptTo: [SENDER],
      raw: Buffer.from('n'),
    })
    await sendOutboxItem(await claim(store, id), store, nextHop, POLICY, noticeContext())
    expect((await store.listOutbox()).map((item) => item.id)).toEqual([id])
    await store.close()
  })
})

import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openExistingSqliteStore, openSqliteStore } from './sqlite-store.js'
import { MIGRATIONS } from './migrations.js'
import { verifyAudit } from './audit-chain.js'
import type { NewQuarantineEntry, Resolution, Store } from './types.js'

const envelope = {
  mailFrom: 'alice@example.com',
  rcptTo: ['desk@partner.example.net'],
  clientAddress: '127.0.0.1',
  heloName: 'x',
  tls: false,
}

const T0 = new Date('2026-12-01T10:00:00Z')

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailward-store-'))
}

function entry(id: string, overrides: Partial<NewQuarantineEntry> = {}): NewQuarantineEntry {
  return {
    id,
    receivedAt: T0,
    envelope,
    raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
    action: 'hold',
    messageId: '<m@x>',
    networkMessageId: `net-${id}`,
    tenantId: undefined,
    report: { reasons: [], counts: { CREDIT_CARD: 1 }, findings: [{ category: 'CREDIT_CARD' }] },
    narrative: 'narrative',
    justifyDeadline: undefined,
    observation: { sender: 'alice@example.com' },
    notices: [],
    ...overrides,
  }
}

async function holdOne(dir: string, id: string, overrides: Partial<NewQuarantineEntry> = {}) {
  const store = openSqliteStore(dir)
  await store.quarantine(entry(id, overrides))
  return store
}

function by(actor: string, extra: Partial<Resolution> = {}): Resolution {
  return { actor, note: undefined, at: new Date(), ...extra }
}

const notice = {
  kind: 'notice',
  mailFrom: '',
  rcptTo: ['alice@example.com'],
  raw: Buffer.from('n'),
}

describe('SQLite store', () => {
  it('keeps the raw message, the record and its notices, and finds it by Network-Message-Id', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-one', { notices: [notice as never] })
    expect((await store.readRaw('mw-one')).toString()).toBe('Subject: x\r\n\r\nbody\r\n')
    expect((await store.findByNetworkMessageId('net-mw-one')).map((r) => r.id)).toEqual(['mw-one'])
    expect(
      (await store.listQuarantined({ status: 'held', recipient: 'DESK@partner.example.net' })).map(
        (r) => r.id,
      ),
    ).toEqual(['mw-one'])
    expect(await store.listOutbox()).toMatchObject([{ kind: 'notice', quarantineId: 'mw-one' }])
    const record = await store.getQuarantined('mw-one')
    expect(record).toMatchObject({ receivedAt: T0, narrative: 'narrative', status: 'held' })
    expect(record?.recipientStates).toMatchObject([
      { address: 'desk@partner.example.net', status: 'pending' },
    ])
    await store.close()
  })

  it('filters the list by category, in counts or in findings', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-card')
    await store.quarantine(
      entry('mw-iban', { report: { counts: {}, findings: [{ category: 'IBAN' }] } }),
    )
    const ids = async (category: string) =>
      (await store.listQuarantined({ category })).map((record) => record.id)
    expect(await ids('CREDIT_CARD')).toEqual(['mw-card'])
    expect(await ids('IBAN')).toEqual(['mw-iban'])
    expect(await ids('US_SSN')).toEqual([])
    await store.close()
  })

  it('releases a held message exactly once, even from two handles on the same database', async () => {
    const dir = freshDir()
    const first = await holdOne(dir, 'mw-two')
    const second = openSqliteStore(dir)

    const results = await Promise.all([
      first.release('mw-two', by('op1')),
      second.release('mw-two', by('op2')),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({
      reason: 'not-held',
      status: 'released',
    })
    expect((await first.listOutbox()).filter((item) => item.kind === 'release')).toHaveLength(1)

    expect(await first.reject('mw-two', by('op1'))).toMatchObject({
      ok: false,
      reason: 'not-held',
    })
    expect(await first.reject('mw-missing', by('op1'))).toMatchObject({
      ok: false,
      reason: 'not-found',
    })
    await first.close()
    await second.close()
  })

  it('releases to chosen recipients and keeps the message held for the others', async () => {
    const dir = freshDir()
    const three = { ...envelope, rcptTo: ['a@x.example', 'b@x.example', 'odd@y.example'] }
    const store = await holdOne(dir, 'mw-split', { envelope: three })

    const first = await store.release(
      'mw-split',
      by('op', { recipients: ['A@x.example', 'b@x.example'] }),
    )
    expect(first).toMatchObject({ ok: true, status: 'partly-released' })
    expect(first.ok && first.recipients).toEqual(['a@x.example', 'b@x.example'])

    // Asking again for a recipient already released does nothing, not even for the others.
    expect(
      await store.release('mw-split', by('op', { recipients: ['a@x.example', 'odd@y.example'] })),
    ).toMatchObject({ ok: false, reason: 'not-held' })
    expect(
      await store.release('mw-split', by('op', { recipients: ['nobody@x.example'] })),
    ).toMatchObject({ ok: false, reason: 'no-such-recipient', address: 'nobody@x.example' })

    const items = await store.listOutbox()
    expect(items.map((item) => item.rcptTo)).toEqual([['a@x.example', 'b@x.example']])

    expect(await store.reject('mw-split', by('op'))).toMatchObject({
      ok: true,
      status: 'released',
      recipients: ['odd@y.example'],
    })
    const record = await store.getQuarantined('mw-split')
    expect(record?.recipientStates.map((state) => state.status)).toEqual([
      'released',
      'released',
      'rejected',
    ])
    await store.close()
  })

  it('expires a justify hold only once its deadline has passed', async () => {
    const dir = freshDir()
    const deadline = new Date(T0.getTime() + 72 * 3600_000)
    const store = await holdOne(dir, 'mw-late', { action: 'justify', justifyDeadline: deadline })

    const before = new Date(deadline.getTime() - 1)
    expect(await store.listExpired(before)).toEqual([])
    expect(await store.expire('mw-late', before, [], 'mailward')).toMatchObject({
      ok: false,
      reason: 'not-due',
    })

    expect((await store.listExpired(deadline)).map((record) => record.id)).toEqual(['mw-late'])
    expect(await store.expire('mw-late', deadline, [notice as never], 'mailward')).toMatchObject({
      ok: true,
      status: 'expired',
    })
    expect(await store.release('mw-late', by('op'))).toMatchObject({ reason: 'not-held' })
    expect((await store.listOutbox()).map((item) => item.kind)).toEqual(['notice'])
    await store.close()
  })

  it('stores an accepted justification with the release, and counts refused ones', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-why', { action: 'justify', justifyDeadline: new Date() })

    expect(await store.refuseJustification('mw-why', 'alice@example.com', {}, [])).toBe(1)
    expect(await store.refuseJustification('mw-why', 'alice@example.com', {}, [])).toBe(2)
    const released = await store.release(
      'mw-why',
      by('alice@example.com', { justification: 'Customer asked for the card on file.' }),
    )
    expect(released).toMatchObject({ ok: true, status: 'released' })

    const record = await store.getQuarantined('mw-why')
    expect(record?.justification?.text).toBe('Customer asked for the card on file.')
    expect(record?.justifyAttempts).toBe(2)
    const events = (await store.auditLog()).map((row) => row.event)
    expect(events).toEqual([
      'message.quarantined',
      'justification.refused',
      'justification.refused',
      'message.justified',
      'message.released',
    ])
    const justified = (await store.auditLog()).find((row) => row.event === 'message.justified')
    expect(JSON.stringify(justified?.detail)).not.toContain('Customer')
    await store.close()
  })

  it('purges only decided messages whose deliveries are done, and removes their bytes', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-old')
    expect(await store.purge('mw-old', 'op')).toMatchObject({ ok: false, reason: 'still-held' })

    const released = await store.release('mw-old', by('op'))
    const outboxId = released.ok ? (released.outboxId as number) : 0
    expect(await store.purge('mw-old', 'op')).toMatchObject({
      ok: false,
      reason: 'delivery-pending',
      outboxId,
    })

    await store.markSent(outboxId)
    expect(await store.purge('mw-old', 'op')).toEqual({ ok: true })
    expect(await store.getQuarantined('mw-old')).toBeUndefined()
    expect(existsSync(join(dir, 'spool', 'mw-old.eml'))).toBe(false)
    expect(await store.purge('mw-old', 'op')).toMatchObject({ reason: 'not-found' })
    expect((await verifyAudit(store)).ok).toBe(true)
    await store.close()
  })

  it('hands out each released recipient once for learning', async () => {
    const dir = freshDir()
    const two = { ...envelope, rcptTo: ['a@x.example', 'b@x.example'] }
    const store = await holdOne(dir, 'mw-learn', { envelope: two })
    expect(await store.unlearnedReleases(10)).toEqual([])

    await store.release('mw-learn', by('op', { recipients: ['b@x.example'] }))
    const [first] = await store.unlearnedReleases(10)
    expect(first).toEqual({
      id: 'mw-learn',
      observation: { sender: 'alice@example.com' },
      positions: [1],
    })
    await store.markLearned('mw-learn', [1])
    expect(await store.unlearnedReleases(10)).toEqual([])
    await store.close()
  })

  it('leases outbox items so that one claimant sends each, and revives a failed one', async () => {
    const dir = freshDir()
    const store = openSqliteStore(dir)
    const id = await store.enqueue(notice as never)

    const now = new Date()
    expect(await store.claimDue(now, 60_000, 10)).toHaveLength(1)
    expect(await store.claimDue(now, 60_000, 10)).toHaveLength(0)
    expect(await store.claimById(id, now, 60_000)).toBeUndefined()
    expect(await store.reviveOutbox(id, now, 'op')).toBe(false)

    await store.markRetry(id, 'next hop unreachable', new Date(now.getTime() - 1), false)
    const [retried] = await store.claimDue(new Date(), 60_000, 10)
    expect(retried).toMatchObject({ id, attempts: 1, lastError: 'next hop unreachable' })

    await store.markRetry(id, 'next hop unreachable', new Date(now.getTime() + 3600_000), true)
    expect((await store.getOutbox(id))?.status).toBe('failed')
    expect(await store.reviveOutbox(id, new Date(), 'op')).toBe(true)
    expect(await store.claimById(id, new Date(), 60_000)).toMatchObject({ id, status: 'sending' })
    await store.markSent(id)
    expect((await store.listOutbox('sent')).map((item) => item.id)).toEqual([id])
    await store.close()
  })

  it("keeps a given-up item's bytes for retry until the retention, then drops them and keeps the row", async () => {
    const dir = freshDir()
    const store = openSqliteStore(dir)
    const forward = {
      kind: 'forward',
      messageRef: 'mw-forwarded',
      mailFrom: 'alice@example.com',
      rcptTo: ['bob@partner.example'],
      raw: Buffer.from('Subject: x\r\n\r\ncard 4111 1111 1111 1111\r\n'),
    } as const
    const failed = await store.enqueue(forward)
    const pending = await store.enqueue(forward)
    const hour = 3600_000
    await store.markRetry(failed, '550 5.1.1 no such user', new Date(), true)
    await store.markRetry(pending, '451 4.3.0 try later', new Date(Date.now() + hour), false)
    expect((await store.getOutbox(failed))?.failedAt).toBeInstanceOf(Date)

    // Given up within the retention: nothing goes, and retry can still revive it.
    expect(await store.purgeFailedOutbox(new Date(Date.now() - hour), 10)).toEqual([])
    expect((await store.outboxPayload((await store.getOutbox(failed))!)).length).toBeGreaterThan(0)

    // Past it: the failed item's bytes go, once; the pending one is untouched.
    const later = new Date(Date.now() + hour)
    expect(await store.purgeFailedOutbox(later, 10)).toEqual([failed])
    expect(await store.purgeFailedOutbox(later, 10)).toEqual([])
    const purged = await store.getOutbox(failed)
    expect(purged?.status).toBe('failed')
    expect(purged?.purgedAt).toBeInstanceOf(Date)
    await expect(store.outboxPayload(purged!)).rejects.toThrow(/no payload/)
    expect(await store.reviveOutbox(failed, new Date(), 'op')).toBe(false)
    expect((await store.outboxPayload((await store.getOutbox(pending))!)).length).toBeGreaterThan(0)

    const rows = await store.auditFor('mw-forwarded')
    expect(rows.filter((row) => row.event === 'outbox.purged')).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain('4111')
    await store.close()
  })

  it('migrates given-up items of a version 4 database: they count from their last planned try', async () => {
    const dir = freshDir()
    const db = new Database(join(dir, 'mailward.db'))
    for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql)
    db.pragma('user_version = 4')
    db.prepare(
      `INSERT INTO outbox (kind, message_ref, mail_from, rcpt_to, raw, status, next_attempt_at,
         created_at) VALUES ('forward', 'mw-old', 'a@example.com', '["b@example.net"]', ?,
         'failed', 1000, 500)`,
    ).run(Buffer.from('x'))
    db.close()

    const store = openSqliteStore(dir)
    const [item] = await store.listOutbox('failed')
    expect(item?.failedAt?.getTime()).toBe(1000)
    expect(await store.purgeFailedOutbox(new Date(2000), 10)).toEqual([item?.id])
    await store.close()
  })

  it('migrates a version 1 database: one pending recipient row per envelope recipient', async () => {
    const dir = freshDir()
    const db = new Database(join(dir, 'mailward.db'))
    db.exec(MIGRATIONS[0] as string)
    db.pragma('user_version = 1')
    const insert = db.prepare(
      `INSERT INTO quarantine (id, received_at, sender, recipients, size, action, status, report,
         spool_file, resolved_at) VALUES (?, 1, 'a@x', ?, 1, 'hold', ?, '{}', 'f.eml', ?)`,
    )
    insert.run('mw-v1held', JSON.stringify(['b@y', 'c@y']), 'held', null)
    insert.run('mw-v1done', JSON.stringify(['b@y']), 'released', 5)
    db.close()

    const store: Store = openSqliteStore(dir)
    const held = await store.getQuarantined('mw-v1held')
    expect(held?.recipientStates.map((state) => [state.address, state.status])).toEqual([
      ['b@y', 'pending'],
      ['c@y', 'pending'],
    ])
    expect((await store.getQuarantined('mw-v1done'))?.recipientStates[0]?.status).toBe('released')
    // A send released before the migration is not learned again.
    expect(await store.unlearnedReleases(10)).toEqual([])
    await store.close()
  })

  it('records the next hop of the last relay started on it', async () => {
    const store = openSqliteStore(freshDir())
    expect(await store.recordedNextHop()).toBeUndefined()
    await store.recordNextHop('127.0.0.1:2626', T0)
    await store.recordNextHop('127.0.0.1:2727', new Date(T0.getTime() + 1000))
    expect(await store.recordedNextHop()).toEqual({
      address: '127.0.0.1:2727',
      at: new Date(T0.getTime() + 1000),
    })
    await store.close()
  })
})

describe('openExistingSqliteStore', () => {
  it('opens a store a relay made, migrating it like the relay would', async () => {
    const dir = freshDir()
    await (await holdOne(dir, 'mw-existing')).close()

    const opened = openExistingSqliteStore(dir)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect((await opened.store.getQuarantined('mw-existing'))?.status).toBe('held')
    await opened.store.close()
  })

  it.each([
    ['a folder that does not exist', (dir: string) => join(dir, 'typo'), 'no-folder'],
    ['an empty folder', (dir: string) => dir, 'no-store'],
    ['a file', (dir: string) => touch(join(dir, 'file'), 'x'), 'not-a-folder'],
    ['an empty database file', (dir: string) => withDb(dir, ''), 'no-store'],
    ['a file of that name that is no database', (dir: string) => withDb(dir, 'hello'), 'no-store'],
  ])('creates nothing and names the problem for %s', (_label, pathIn, problem) => {
    const dir = freshDir()
    const path = pathIn(dir)
    const before = readdirSync(dir)
    expect(openExistingSqliteStore(path)).toEqual({ ok: false, problem })
    expect(readdirSync(dir)).toEqual(before)
  })
})

function touch(file: string, text: string): string {
  writeFileSync(file, text)
  return file
}

function withDb(dir: string, text: string): string {
  touch(join(dir, 'mailward.db'), text)
  return dir
}

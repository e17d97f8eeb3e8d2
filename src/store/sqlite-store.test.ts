import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openSqliteStore } from './sqlite-store.js'

const envelope = {
  mailFrom: 'alice@example.com',
  rcptTo: ['desk@partner.example.net'],
  clientAddress: '127.0.0.1',
  heloName: 'x',
  tls: false,
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailward-store-'))
}

async function holdOne(dir: string, id: string) {
  const store = openSqliteStore(dir)
  await store.quarantine({
    id,
    envelope,
    raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
    action: 'hold',
    messageId: '<m@x>',
    networkMessageId: 'net-1',
    report: { reasons: [] },
  })
  return store
}

describe('SQLite store', () => {
  it('keeps the raw message and the record, and finds it by Network-Message-Id', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-one')
    expect((await store.readRaw('mw-one')).toString()).toBe('Subject: x\r\n\r\nbody\r\n')
    expect((await store.findByNetworkMessageId('net-1'))?.id).toBe('mw-one')
    expect(
      (await store.listQuarantined({ status: 'held', recipient: 'DESK@partner.example.net' })).map(
        (r) => r.id,
      ),
    ).toEqual(['mw-one'])
    await store.close()
  })

  it('releases a held message exactly once, even from two handles on the same database', async () => {
    const dir = freshDir()
    const first = await holdOne(dir, 'mw-two')
    const second = openSqliteStore(dir)

    const results = await Promise.all([
      first.release('mw-two', 'op1', 'ok'),
      second.release('mw-two', 'op2', 'ok'),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({
      reason: 'not-held',
      status: 'released',
    })
    expect((await first.listOutbox()).filter((item) => item.kind === 'release')).toHaveLength(1)

    expect(await first.reject('mw-two', 'op1', undefined)).toMatchObject({
      ok: false,
      reason: 'not-held',
    })
    expect(await first.reject('mw-missing', 'op1', undefined)).toMatchObject({
      ok: false,
      reason: 'not-found',
    })
    await first.close()
    await second.close()
  })

  it('leases outbox items so that one claimant sends each', async () => {
    const dir = freshDir()
    const store = openSqliteStore(dir)
    const id = await store.enqueue({
      kind: 'notice',
      mailFrom: '',
      rcptTo: ['alice@example.com'],
      raw: Buffer.from('x'),
    })

    const now = new Date()
    expect(await store.claimDue(now, 60_000, 10)).toHaveLength(1)
    expect(await store.claimDue(now, 60_000, 10)).toHaveLength(0)
    expect(await store.claimById(id, now, 60_000)).toBeUndefined()

    await store.markRetry(id, 'next hop unreachable', new Date(now.getTime() - 1), false)
    const [retried] = await store.claimDue(new Date(), 60_000, 10)
    expect(retried).toMatchObject({ id, attempts: 1, lastError: 'next hop unreachable' })
    await store.markSent(id)
    expect((await store.listOutbox('sent')).map((item) => item.id)).toEqual([id])
    await store.close()
  })

  it('chains audit rows so that an edited row no longer matches its hash', async () => {
    const dir = freshDir()
    const store = await holdOne(dir, 'mw-three')
    await store.release('mw-three', 'op', 'fine')
    const log = await store.auditLog()
    expect(log.map((entry) => entry.event)).toEqual(['message.quarantined', 'message.released'])
    expect(log[1]?.prevHash).toBe(log[0]?.hash)
    await store.close()

    const db = new Database(join(dir, 'mailward.db'))
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 2").run()
    db.close()
    const { auditHash } = await import('./sqlite-store.js')
    const reopened = openSqliteStore(dir)
    const [, edited] = await reopened.auditLog()
    const recomputed = auditHash(edited?.prevHash ?? '', {
      at: edited?.at.getTime() ?? 0,
      event: edited?.event ?? '',
      ref: edited?.ref ?? null,
      actor: edited?.actor ?? '',
      detail: JSON.stringify(edited?.detail),
    })
    expect(recomputed).not.toBe(edited?.hash)
    await reopened.close()
  })
})

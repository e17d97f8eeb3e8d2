// The embedded store: SQLite in WAL mode with full fsync, shared safely by `serve` and the CLI.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.js'
import { Spool } from './spool.js'
import type {
  AuditEntry,
  NewOutboxItem,
  NewQuarantineEntry,
  OutboxItem,
  QuarantineFilter,
  QuarantineRecord,
  QuarantineStatus,
  Store,
  TransitionResult,
} from './types.js'

interface QuarantineRow {
  id: string
  received_at: number
  sender: string
  recipients: string
  size: number
  action: 'hold' | 'justify'
  status: QuarantineStatus
  message_id: string | null
  network_message_id: string | null
  report: string
  spool_file: string
  resolved_at: number | null
  resolved_by: string | null
  resolution_note: string | null
}

interface OutboxRow {
  id: number
  kind: 'release' | 'notice'
  quarantine_id: string | null
  mail_from: string
  rcpt_to: string
  status: OutboxItem['status']
  attempts: number
  next_attempt_at: number
  last_error: string | null
  created_at: number
}

interface AuditRow {
  seq: number
  at: number
  event: string
  ref: string | null
  actor: string
  detail: string
  prev_hash: string
  hash: string
}

const GENESIS_HASH = '0'.repeat(64)

/** Hash of an audit row chained to the previous row's hash. */
export function auditHash(prevHash: string, row: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>) {
  const canonical = JSON.stringify([prevHash, row.at, row.event, row.ref, row.actor, row.detail])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Opens (creating and migrating when needed) the store in `dataDir`.
 *
 * @example
 * const store = openSqliteStore('./data')
 * await store.listQuarantined({ status: 'held' })
 */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = new Database(join(dataDir, 'mailward.db'))

  // WAL lets the CLI read and write while `serve` runs; synchronous=FULL fsyncs each commit,
  // which the no-loss rule needs before a 250; busy_timeout waits for the other process's lock.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 10000')
  db.pragma('foreign_keys = ON')
  migrate(db)

  return new SqliteStore(db, new Spool(join(dataDir, 'spool')))
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}

class SqliteStore implements Store {
  constructor(
    private readonly db: Database.Database,
    private readonly spool: Spool,
  ) {}

  quarantine(entry: NewQuarantineEntry): Promise<void> {
    const spoolFile = `${entry.id}.eml`
    this.spool.write(spoolFile, entry.raw)

    const insert = this.db.prepare(`
      INSERT INTO quarantine (id, received_at, sender, recipients, size, action, status,
        message_id, network_message_id, report, spool_file)
      VALUES (@id, @receivedAt, @sender, @recipients, @size, @action, @status,
        @messageId, @networkMessageId, @report, @spoolFile)`)
    this.db
      .transaction(() => {
        insert.run({
          id: entry.id,
          receivedAt: Date.now(),
          sender: entry.envelope.mailFrom,
          recipients: JSON.stringify(entry.envelope.rcptTo),
          size: entry.raw.length,
          action: entry.action,
          status: entry.action === 'justify' ? 'awaiting-justification' : 'held',
          messageId: entry.messageId ?? null,
          networkMessageId: entry.networkMessageId ?? null,
          report: JSON.stringify(entry.report),
          spoolFile,
        })
        this.appendAudit('message.quarantined', entry.id, 'mailward', { action: entry.action })
      })
      .immediate()
    return Promise.resolve()
  }

  findByNetworkMessageId(networkMessageId: string): Promise<QuarantineRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM quarantine WHERE network_message_id = ? LIMIT 1')
      .get(networkMessageId) as QuarantineRow | undefined
    return Promise.resolve(row === undefined ? undefined : toRecord(row))
  }

  getQuarantined(id: string): Promise<QuarantineRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM quarantine WHERE id = ?').get(id) as
      QuarantineRow | undefined
    return Promise.resolve(row === undefined ? undefined : toRecord(row))
  }

  listQuarantined(filter: QuarantineFilter): Promise<QuarantineRecord[]> {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: filter.limit ?? 1000 }
    if (filter.status !== undefined) {
      where.push('status = @status')
      params.status = filter.status
    }
    if (filter.sender !== undefined) {
      where.push('lower(sender) = lower(@sender)')
      params.sender = filter.sender
    }
    if (filter.recipient !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(recipients) WHERE lower(value) = lower(@rcpt))')
      params.rcpt = filter.recipient
    }
    if (filter.since !== undefined) {
      where.push('received_at >= @since')
      params.since = filter.since.getTime()
    }

    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    const rows = this.db
      .prepare(`SELECT * FROM quarantine ${clause} ORDER BY received_at DESC LIMIT @limit`)
      .all(params) as QuarantineRow[]
    return Promise.resolve(rows.map(toRecord))
  }

  readRaw(id: string): Promise<Buffer> {
    const row = this.db.prepare('SELECT spool_file FROM quarantine WHERE id = ?').get(id) as
      { spool_file: string } | undefined
    if (row === undefined) return Promise.reject(new Error(`no quarantined message ${id}`))
    return Promise.resolve(this.spool.read(row.spool_file))
  }

  release(id: string, actor: string, note: string | undefined): Promise<TransitionResult> {
    return Promise.resolve(
      this.db
        .transaction((): TransitionResult => {
          const row = this.resolve(id, 'released', actor, note)
          if (!row.ok) return row

          const outboxId = this.insertOutbox({
            kind: 'release',
            quarantineId: id,
            mailFrom: row.record.sender,
            rcptTo: JSON.parse(row.record.recipients) as string[],
          })
          this.appendAudit('message.released', id, actor, { note: note ?? null, outboxId })
          return { ok: true, outboxId }
        })
        .immediate(),
    )
  }

  reject(id: string, actor: string, note: string | undefined): Promise<TransitionResult> {
    return Promise.resolve(
      this.db
        .transaction((): TransitionResult => {
          const row = this.resolve(id, 'rejected', actor, note)
          if (!row.ok) return row

          this.appendAudit('message.rejected', id, actor, { note: note ?? null })
          return { ok: true }
        })
        .immediate(),
    )
  }

  enqueue(item: NewOutboxItem): Promise<number> {
    return Promise.resolve(this.insertOutbox(item))
  }

  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const claim = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT * FROM outbox
           WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now AND lease_until <= @now
           ORDER BY next_attempt_at LIMIT @limit`,
        )
        .all({ now: now.getTime(), limit }) as OutboxRow[]
      const lease = this.db.prepare(
        `UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?`,
      )
      for (const row of rows) lease.run(now.getTime() + leaseMs, row.id)
      return rows.map(toOutboxItem)
    })
    return Promise.resolve(claim.immediate())
  }

  claimById(id: number, now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    const claim = this.db.transaction(() => {
      const result = this.db
        .prepare(
          `UPDATE outbox SET status = 'sending', lease_until = @until
           WHERE id = @id AND status IN ('pending', 'sending') AND lease_until <= @now`,
        )
        .run({ id, now: now.getTime(), until: now.getTime() + leaseMs })
      if (result.changes !== 1) return undefined

      const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow
      return toOutboxItem(row)
    })
    return Promise.resolve(claim.immediate())
  }

  outboxPayload(item: OutboxItem): Promise<Buffer> {
    if (item.kind === 'release' && item.quarantineId !== undefined) {
      return this.readRaw(item.quarantineId)
    }
    const row = this.db.prepare('SELECT raw FROM outbox WHERE id = ?').get(item.id) as
      { raw: Buffer | null } | undefined
    if (row?.raw === undefined || row.raw === null)
      return Promise.reject(new Error(`outbox item ${item.id} has no payload`))
    return Promise.resolve(row.raw)
  }

  markSent(id: number): Promise<void> {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = 0, raw = NULL WHERE id = ?`,
          )
          .run(Date.now(), id)
        this.appendAudit('outbox.sent', String(id), 'mailward', {})
      })
      .immediate()
    return Promise.resolve()
  }

  markRetry(id: number, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void> {
    this.db
      .prepare(
        `UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = @error,
           next_attempt_at = @next, lease_until = 0 WHERE id = @id`,
      )
      .run({ id, error, next: nextAttemptAt.getTime(), status: giveUp ? 'failed' : 'pending' })
    return Promise.resolve()
  }

  listOutbox(status?: OutboxItem['status']): Promise<OutboxItem[]> {
    const rows = (
      status === undefined
        ? this.db.prepare('SELECT * FROM outbox ORDER BY id').all()
        : this.db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY id').all(status)
    ) as OutboxRow[]
    return Promise.resolve(rows.map(toOutboxItem))
  }

  audit(event: string, ref: string | undefined, actor: string, detail: unknown): Promise<void> {
    this.db.transaction(() => this.appendAudit(event, ref, actor, detail)).immediate()
    return Promise.resolve()
  }

  auditLog(): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[]
    return Promise.resolve(
      rows.map((row) => ({
        seq: row.seq,
        at: new Date(row.at),
        event: row.event,
        ref: row.ref ?? undefined,
        actor: row.actor,
        detail: JSON.parse(row.detail) as unknown,
        prevHash: row.prev_hash,
        hash: row.hash,
      })),
    )
  }

  close(): Promise<void> {
    this.db.close()
    return Promise.resolve()
  }

  private resolve(
    id: string,
    status: 'released' | 'rejected',
    actor: string,
    note: string | undefined,
  ):
    | { ok: true; record: QuarantineRow }
    | { ok: false; reason: 'not-found' | 'not-held'; status?: string } {
    const row = this.db.prepare('SELECT * FROM quarantine WHERE id = ?').get(id) as
      QuarantineRow | undefined
    if (row === undefined) return { ok: false, reason: 'not-found' }
    if (row.status !== 'held' && row.status !== 'awaiting-justification') {
      return { ok: false, reason: 'not-held', status: row.status }
    }

    this.db
      .prepare(
        `UPDATE quarantine SET status = ?, resolved_at = ?, resolved_by = ?, resolution_note = ?
         WHERE id = ?`,
      )
      .run(status, Date.now(), actor, note ?? null, id)
    return { ok: true, record: row }
  }

  private insertOutbox(item: NewOutboxItem): number {
    const now = Date.now()
    const result = this.db
      .prepare(
        `INSERT INTO outbox (kind, quarantine_id, mail_from, rcpt_to, raw, status, next_attempt_at,
           created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(
        item.kind,
        item.quarantineId ?? null,
        item.mailFrom,
        JSON.stringify(item.rcptTo),
        item.raw ?? null,
        now,
        now,
      )
    return Number(result.lastInsertRowid)
  }

  private appendAudit(
    event: string,
    ref: string | undefined,
    actor: string,
    detail: unknown,
  ): void {
    const last = this.db.prepare('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      { hash: string } | undefined
    const prevHash = last?.hash ?? GENESIS_HASH
    const row = { at: Date.now(), event, ref: ref ?? null, actor, detail: JSON.stringify(detail) }
    const hash = auditHash(prevHash, row)
    this.db
      .prepare(
        `INSERT INTO audit (at, event, ref, actor, detail, prev_hash, hash)
         VALUES (@at, @event, @ref, @actor, @detail, @prevHash, @hash)`,
      )
      .run({ ...row, prevHash, hash })
  }
}

function toRecord(row: QuarantineRow): QuarantineRecord {
  return {
    id: row.id,
    receivedAt: new Date(row.received_at),
    sender: row.sender,
    recipients: JSON.parse(row.recipients) as string[],
    size: row.size,
    action: row.action,
    status: row.status,
    messageId: row.message_id ?? undefined,
    networkMessageId: row.network_message_id ?? undefined,
    report: JSON.parse(row.report) as unknown,
    resolvedAt: row.resolved_at === null ? undefined : new Date(row.resolved_at),
    resolvedBy: row.resolved_by ?? undefined,
    resolutionNote: row.resolution_note ?? undefined,
  }
}

function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    quarantineId: row.quarantine_id ?? undefined,
    mailFrom: row.mail_from,
    rcptTo: JSON.parse(row.rcpt_to) as string[],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error ?? undefined,
    createdAt: new Date(row.created_at),
  }
}

// The outbox table: everything mailward sends after the SMTP transaction (released messages,
// notices). Items are leased while being sent, so the CLI and a running relay never send the
// same item at once; a lease that runs out (a crashed sender) makes the item due again.
import type Database from 'better-sqlite3'
import { appendAudit } from './sqlite-audit.js'
import type { NewOutboxItem, OutboxItem, OutboxKind, OutboxStatus } from './types.js'

interface OutboxRow {
  id: number
  kind: OutboxKind
  quarantine_id: string | null
  message_ref: string | null
  mail_from: string
  rcpt_to: string
  status: OutboxStatus
  attempts: number
  next_attempt_at: number
  last_error: string | null
  created_at: number
  sent_at: number | null
  failed_at: number | null
  purged_at: number | null
}

export function insertOutbox(db: Database.Database, item: NewOutboxItem, now = Date.now()): number {
  const result = db
    .prepare(
      `INSERT INTO outbox (kind, quarantine_id, message_ref, mail_from, rcpt_to, raw, status,
         next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    )
    .run(
      item.kind,
      item.quarantineId ?? null,
      item.messageRef ?? null,
      item.mailFrom,
      JSON.stringify(item.rcptTo),
      item.raw ?? null,
      item.notBefore?.getTime() ?? now,
      now,
    )
  return Number(result.lastInsertRowid)
}

export function claimDue(
  db: Database.Database,
  now: Date,
  leaseMs: number,
  limit: number,
): OutboxItem[] {
  const claim = db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT * FROM outbox
         WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now AND lease_until <= @now
         ORDER BY next_attempt_at LIMIT @limit`,
      )
      .all({ now: now.getTime(), limit }) as OutboxRow[]
    const lease = db.prepare(`UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?`)
    for (const row of rows) lease.run(now.getTime() + leaseMs, row.id)
    return rows.map((row) => toOutboxItem({ ...row, status: 'sending' }))
  })
  return claim.immediate()
}

export function claimById(
  db: Database.Database,
  id: number,
  now: Date,
  leaseMs: number,
): OutboxItem | undefined {
  const claim = db.transaction(() => {
    const result = db
      .prepare(
        `UPDATE outbox SET status = 'sending', lease_until = @until
         WHERE id = @id AND status IN ('pending', 'sending') AND lease_until <= @now`,
      )
      .run({ id, now: now.getTime(), until: now.getTime() + leaseMs })
    if (result.changes !== 1) return undefined
    return getOutbox(db, id)
  })
  return claim.immediate()
}

export function outboxRaw(db: Database.Database, id: number): Buffer | undefined {
  const row = db.prepare('SELECT raw FROM outbox WHERE id = ?').get(id) as
    { raw: Buffer | null } | undefined
  return row?.raw ?? undefined
}

export function markSent(
  db: Database.Database,
  id: number,
  detail: Record<string, unknown>,
  notices: readonly NewOutboxItem[],
  now = Date.now(),
): void {
  db.transaction(() => {
    const row = getOutbox(db, id)
    db.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = 0, raw = NULL WHERE id = ?`,
    ).run(now, id)
    insertNotices(db, row, notices)
    appendAudit(db, 'outbox.sent', row?.ref, 'mailward', {
      outboxId: id,
      kind: row?.kind,
      recipients: row?.rcptTo.length,
      ...detail,
    })
  }).immediate()
}

export function markRetry(
  db: Database.Database,
  id: number,
  error: string,
  nextAttemptAt: Date,
  giveUp: boolean,
  notices: readonly NewOutboxItem[],
): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = @error,
         next_attempt_at = @next, lease_until = 0, failed_at = @failedAt WHERE id = @id`,
    ).run({
      id,
      error,
      next: nextAttemptAt.getTime(),
      status: giveUp ? 'failed' : 'pending',
      failedAt: giveUp ? Date.now() : null,
    })
    insertNotices(db, getOutbox(db, id), notices)
  }).immediate()
}

export function markPartlySent(
  db: Database.Database,
  id: number,
  remaining: readonly string[],
  error: string,
  nextAttemptAt: Date,
  detail: Record<string, unknown>,
  notices: readonly NewOutboxItem[],
): void {
  db.transaction(() => {
    const row = getOutbox(db, id)
    db.prepare(
      `UPDATE outbox SET status = 'pending', rcpt_to = @rcptTo, attempts = attempts + 1,
         last_error = @error, next_attempt_at = @next, lease_until = 0 WHERE id = @id`,
    ).run({ id, rcptTo: JSON.stringify(remaining), error, next: nextAttemptAt.getTime() })
    insertNotices(db, row, notices)
    appendAudit(db, 'outbox.partly-sent', row?.ref, 'mailward', {
      outboxId: id,
      kind: row?.kind,
      remaining: remaining.length,
      ...detail,
    })
  }).immediate()
}

/** Notices an attempt causes, about the same message as the item. */
function insertNotices(
  db: Database.Database,
  row: OutboxItem | undefined,
  notices: readonly NewOutboxItem[],
): void {
  const messageRef = row?.quarantineId === undefined ? row?.ref : undefined
  for (const notice of notices) {
    insertOutbox(db, { ...notice, quarantineId: row?.quarantineId, messageRef })
  }
}

export function reviveOutbox(db: Database.Database, id: number, now: Date, actor: string): boolean {
  return db
    .transaction(() => {
      const result = db
        .prepare(
          `UPDATE outbox SET status = 'pending', next_attempt_at = @now, lease_until = 0,
             failed_at = NULL
           WHERE id = @id AND purged_at IS NULL AND (status = 'failed'
             OR (status IN ('pending', 'sending') AND lease_until <= @now))`,
        )
        .run({ id, now: now.getTime() })
      if (result.changes !== 1) return false
      appendAudit(db, 'outbox.revived', getOutbox(db, id)?.ref, actor, { outboxId: id })
      return true
    })
    .immediate()
}

/**
 * Drops the bytes of items given up before `before` (at most `limit` of them), keeping their
 * rows and writing one audit row each; returns their ids. Release items hold no bytes here
 * (they are sent from the quarantine's spool file, which the quarantine's own purge removes).
 */
export function purgeFailedOutbox(
  db: Database.Database,
  before: Date,
  limit: number,
  now = Date.now(),
): number[] {
  return db
    .transaction(() => {
      const rows = db
        .prepare(
          `SELECT * FROM outbox
           WHERE status = 'failed' AND raw IS NOT NULL AND purged_at IS NULL AND failed_at < ?
           ORDER BY failed_at LIMIT ?`,
        )
        .all(before.getTime(), limit) as OutboxRow[]
      const purge = db.prepare('UPDATE outbox SET raw = NULL, purged_at = ? WHERE id = ?')
      for (const row of rows) {
        purge.run(now, row.id)
        const item = toOutboxItem(row)
        appendAudit(db, 'outbox.purged', item.ref, 'mailward', {
          outboxId: row.id,
          kind: row.kind,
        })
      }
      return rows.map((row) => row.id)
    })
    .immediate()
}

export function getOutbox(db: Database.Database, id: number): OutboxItem | undefined {
  const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined
  return row === undefined ? undefined : toOutboxItem(row)
}

export function listOutbox(db: Database.Database, status?: OutboxStatus): OutboxItem[] {
  const rows = (
    status === undefined
      ? db.prepare('SELECT * FROM outbox ORDER BY id').all()
      : db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY id').all(status)
  ) as OutboxRow[]
  return rows.map(toOutboxItem)
}

function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    quarantineId: row.quarantine_id ?? undefined,
    ref: row.quarantine_id ?? row.message_ref ?? undefined,
    mailFrom: row.mail_from,
    rcptTo: JSON.parse(row.rcpt_to) as string[],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error ?? undefined,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? undefined : new Date(row.sent_at),
    failedAt: row.failed_at === null ? undefined : new Date(row.failed_at),
    purgedAt: row.purged_at === null ? undefined : new Date(row.purged_at),
  }
}

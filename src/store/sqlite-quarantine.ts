// The quarantine tables: one row per held message and one per envelope recipient. Every
// transition (release, reject, expire, justify, purge) is one IMMEDIATE transaction that
// checks the recipients are still pending, moves them on, queues the mail the transition
// causes and writes its audit row, so two processes deciding at once cannot both succeed.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { appendAudit } from './sqlite-audit.js'
import { insertOutbox } from './sqlite-outbox.js'
import type {
  HeldRecipient,
  NewOutboxItem,
  NewQuarantineEntry,
  PurgeResult,
  QuarantineFilter,
  QuarantineRecord,
  QuarantineStatus,
  RecipientStatus,
  Resolution,
  TransitionResult,
  UnlearnedRelease,
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
  tenant_id: string | null
  justify_deadline: number | null
  justify_attempts: number
  justification: string | null
  justified_at: number | null
  narrative: string | null
  observation: string | null
}

interface RecipientRow {
  position: number
  address: string
  status: RecipientStatus
  outbox_id: number | null
  resolved_at: number | null
  resolved_by: string | null
}

type Decided = Exclude<RecipientStatus, 'pending'>

const DECIDED_STATUSES = `('released', 'rejected', 'expired')`

/** Inserts the record, its recipients and its notices; the spool file is written before. */
export function insertQuarantine(
  db: Database.Database,
  entry: NewQuarantineEntry,
  spoolFile: string,
): void {
  const at = entry.receivedAt.getTime()
  db.transaction(() => {
    db.prepare(
      `INSERT INTO quarantine (id, received_at, sender, recipients, size, action, status,
         message_id, network_message_id, report, spool_file, tenant_id, justify_deadline,
         narrative, observation)
       VALUES (@id, @receivedAt, @sender, @recipients, @size, @action, @status, @messageId,
         @networkMessageId, @report, @spoolFile, @tenantId, @deadline, @narrative, @observation)`,
    ).run({
      id: entry.id,
      receivedAt: at,
      sender: entry.envelope.mailFrom,
      recipients: JSON.stringify(entry.envelope.rcptTo),
      size: entry.raw.length,
      action: entry.action,
      status: entry.action === 'justify' ? 'awaiting-justification' : 'held',
      messageId: entry.messageId ?? null,
      networkMessageId: entry.networkMessageId ?? null,
      report: JSON.stringify(entry.report),
      spoolFile,
      tenantId: entry.tenantId ?? null,
      deadline: entry.justifyDeadline?.getTime() ?? null,
      narrative: entry.narrative ?? null,
      observation: entry.observation === undefined ? null : JSON.stringify(entry.observation),
    })

    const recipient = db.prepare(
      `INSERT INTO quarantine_recipient (quarantine_id, position, address, status)
       VALUES (?, ?, ?, 'pending')`,
    )
    entry.envelope.rcptTo.forEach((address, position) => recipient.run(entry.id, position, address))
    for (const notice of entry.notices) insertOutbox(db, { ...notice, quarantineId: entry.id })

    appendAudit(
      db,
      'message.quarantined',
      entry.id,
      'mailward',
      {
        action: entry.action,
        recipients: entry.envelope.rcptTo.length,
        deadline: entry.justifyDeadline?.toISOString() ?? null,
        notices: entry.notices.length,
      },
      at,
    )
  }).immediate()
}

export function getRecord(db: Database.Database, id: string): QuarantineRecord | undefined {
  const row = db.prepare('SELECT * FROM quarantine WHERE id = ?').get(id) as
    QuarantineRow | undefined
  return row === undefined ? undefined : toRecord(row, recipientRows(db, row.id))
}

export function findByNetworkMessageId(
  db: Database.Database,
  networkMessageId: string,
): QuarantineRecord[] {
  const rows = db
    .prepare('SELECT id FROM quarantine WHERE network_message_id = ? ORDER BY received_at, id')
    .all(networkMessageId) as { id: string }[]
  return rows.flatMap((row) => getRecord(db, row.id) ?? [])
}

export function listRecords(db: Database.Database, filter: QuarantineFilter): QuarantineRecord[] {
  const where: string[] = []
  const params: Record<string, unknown> = { limit: filter.limit ?? 1000 }
  if (filter.status !== undefined) {
    where.push('q.status = @status')
    params.status = filter.status
  }
  if (filter.sender !== undefined) {
    where.push('lower(q.sender) = lower(@sender)')
    params.sender = filter.sender
  }
  if (filter.recipient !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM quarantine_recipient AS r
      WHERE r.quarantine_id = q.id AND lower(r.address) = lower(@rcpt))`)
    params.rcpt = filter.recipient
  }
  if (filter.category !== undefined) {
    // Counts hold the categories policy counted; findings also those no rule looked at.
    where.push(`(EXISTS (SELECT 1 FROM json_each(q.report, '$.counts') WHERE key = @category)
      OR EXISTS (SELECT 1 FROM json_each(q.report, '$.findings')
        WHERE json_extract(value, '$.category') = @category))`)
    params.category = filter.category
  }
  if (filter.since !== undefined) {
    where.push('q.received_at >= @since')
    params.since = filter.since.getTime()
  }
  if (filter.decidedBefore !== undefined) {
    where.push(`q.status IN ${DECIDED_STATUSES} AND q.resolved_at < @decidedBefore`)
    params.decidedBefore = filter.decidedBefore.getTime()
  }

  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
  const rows = db
    .prepare(`SELECT * FROM quarantine AS q ${clause} ORDER BY received_at DESC LIMIT @limit`)
    .all(params) as QuarantineRow[]
  return rows.map((row) => toRecord(row, recipientRows(db, row.id)))
}

export function spoolFileOf(db: Database.Database, id: string): string | undefined {
  const row = db.prepare('SELECT spool_file FROM quarantine WHERE id = ?').get(id) as
    { spool_file: string } | undefined
  return row?.spool_file
}

/**
 * Decides recipients of a held message: `released` queues one delivery to exactly them,
 * `rejected` and `expired` end their wait. The record's status is derived afterwards.
 */
export function resolveRecipients(
  db: Database.Database,
  id: string,
  outcome: Decided,
  resolution: Resolution,
): TransitionResult {
  return db
    .transaction((): TransitionResult => {
      const row = db.prepare('SELECT * FROM quarantine WHERE id = ?').get(id) as
        QuarantineRow | undefined
      if (row === undefined) return { ok: false, reason: 'not-found' }
      if (outcome === 'expired' && !isDue(row, resolution.at))
        return { ok: false, reason: 'not-due' }

      const states = recipientRows(db, id)
      const chosen = chooseRecipients(states, resolution.recipients)
      if ('reason' in chosen) {
        return chosen.reason === 'no-such-recipient'
          ? { ok: false, reason: 'no-such-recipient', address: chosen.address }
          : { ok: false, reason: 'not-held', status: row.status }
      }

      const at = resolution.at.getTime()
      // Outbox times are wall-clock times (when to try next), whatever `at` says.
      const outboxId =
        outcome === 'released'
          ? insertOutbox(db, {
              kind: 'release',
              quarantineId: id,
              mailFrom: row.sender,
              rcptTo: chosen.map((state) => state.address),
            })
          : undefined
      const update = db.prepare(
        `UPDATE quarantine_recipient SET status = ?, outbox_id = ?, resolved_at = ?, resolved_by = ?
         WHERE quarantine_id = ? AND position = ?`,
      )
      for (const state of chosen) {
        update.run(outcome, outboxId ?? null, at, resolution.actor, id, state.position)
      }

      const after = recipientRows(db, id)
      const status = deriveStatus(row.action, after)
      const remaining = after.filter((state) => state.status === 'pending').length
      db.prepare(
        `UPDATE quarantine SET status = @status, resolved_at = @resolvedAt, resolved_by = @actor,
           resolution_note = @note,
           justification = coalesce(@justification, justification),
           justified_at = coalesce(@justifiedAt, justified_at)
         WHERE id = @id`,
      ).run({
        id,
        status,
        resolvedAt: remaining === 0 ? at : null,
        actor: resolution.actor,
        note: resolution.note ?? null,
        justification: resolution.justification ?? null,
        justifiedAt: resolution.justification === undefined ? null : at,
      })

      const noticeIds = (resolution.notices ?? []).map((notice) =>
        insertOutbox(db, { ...notice, quarantineId: id }),
      )
      if (resolution.justification !== undefined) {
        appendAudit(
          db,
          'message.justified',
          id,
          resolution.actor,
          describeText(resolution.justification),
          at,
        )
      }
      appendAudit(
        db,
        `message.${outcome}`,
        id,
        resolution.actor,
        {
          recipients: chosen.length,
          remaining,
          status,
          note: resolution.note ?? null,
          ...(outboxId === undefined ? {} : { outboxId }),
        },
        at,
      )
      const recipients = chosen.map((state) => state.address)
      return { ok: true, status, recipients, outboxId, noticeIds }
    })
    .immediate()
}

export function listExpired(db: Database.Database, at: Date): QuarantineRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM quarantine WHERE action = 'justify'
         AND status IN ('awaiting-justification', 'partly-released')
         AND justify_deadline IS NOT NULL AND justify_deadline <= ? ORDER BY justify_deadline`,
    )
    .all(at.getTime()) as QuarantineRow[]
  return rows.map((row) => toRecord(row, recipientRows(db, row.id)))
}

export function refuseJustification(
  db: Database.Database,
  id: string,
  actor: string,
  detail: Record<string, unknown>,
  notices: readonly NewOutboxItem[],
): number {
  return db
    .transaction(() => {
      db.prepare('UPDATE quarantine SET justify_attempts = justify_attempts + 1 WHERE id = ?').run(
        id,
      )
      const row = db.prepare('SELECT justify_attempts FROM quarantine WHERE id = ?').get(id) as
        { justify_attempts: number } | undefined
      for (const notice of notices) insertOutbox(db, { ...notice, quarantineId: id })
      appendAudit(db, 'justification.refused', id, actor, {
        ...detail,
        attempt: row?.justify_attempts,
      })
      return row?.justify_attempts ?? 0
    })
    .immediate()
}

/** Deletes the rows of a decided message; the caller removes the spool file after commit. */
export function purgeRecords(db: Database.Database, id: string, actor: string): PurgeResult {
  return db
    .transaction((): PurgeResult => {
      const row = db.prepare('SELECT status, size FROM quarantine WHERE id = ?').get(id) as
        { status: QuarantineStatus; size: number } | undefined
      if (row === undefined) return { ok: false, reason: 'not-found' }
      if (recipientRows(db, id).some((state) => state.status === 'pending')) {
        return { ok: false, reason: 'still-held', status: row.status }
      }
      const busy = db
        .prepare(
          `SELECT id FROM outbox WHERE quarantine_id = ? AND status IN ('pending', 'sending')
           LIMIT 1`,
        )
        .get(id) as { id: number } | undefined
      if (busy !== undefined) return { ok: false, reason: 'delivery-pending', outboxId: busy.id }

      db.prepare('DELETE FROM quarantine_recipient WHERE quarantine_id = ?').run(id)
      db.prepare('DELETE FROM outbox WHERE quarantine_id = ?').run(id)
      db.prepare('DELETE FROM quarantine WHERE id = ?').run(id)
      appendAudit(db, 'message.purged', id, actor, { status: row.status, size: row.size })
      return { ok: true }
    })
    .immediate()
}

export function unlearnedReleases(db: Database.Database, limit: number): UnlearnedRelease[] {
  const rows = db
    .prepare(
      `SELECT r.quarantine_id AS id, r.position, q.observation FROM quarantine_recipient AS r
       JOIN quarantine AS q ON q.id = r.quarantine_id
       WHERE r.status = 'released' AND r.learned_at IS NULL AND q.observation IS NOT NULL
       ORDER BY r.resolved_at LIMIT ?`,
    )
    .all(limit) as { id: string; position: number; observation: string }[]

  const byId = new Map<string, { observation: unknown; positions: number[] }>()
  for (const row of rows) {
    const entry = byId.get(row.id) ?? {
      observation: JSON.parse(row.observation) as unknown,
      positions: [] as number[],
    }
    entry.positions.push(row.position)
    byId.set(row.id, entry)
  }
  return [...byId].map(([id, entry]) => ({ id, ...entry }))
}

export function markLearned(db: Database.Database, id: string, positions: readonly number[]): void {
  const update = db.prepare(
    'UPDATE quarantine_recipient SET learned_at = ? WHERE quarantine_id = ? AND position = ?',
  )
  const now = Date.now()
  db.transaction(() => {
    for (const position of positions) update.run(now, id, position)
  }).immediate()
}

/** Derives the message's status from its recipients (see QuarantineStatus). */
export function deriveStatus(
  action: 'hold' | 'justify',
  recipients: readonly { status: RecipientStatus }[],
): QuarantineStatus {
  const has = (status: RecipientStatus): boolean =>
    recipients.some((recipient) => recipient.status === status)

  if (has('pending')) {
    if (has('released')) return 'partly-released'
    return action === 'justify' ? 'awaiting-justification' : 'held'
  }
  if (has('released')) return 'released'
  if (has('expired')) return 'expired'
  return 'rejected'
}

function chooseRecipients(
  states: readonly RecipientRow[],
  requested: readonly string[] | undefined,
): RecipientRow[] | { reason: 'not-held' } | { reason: 'no-such-recipient'; address: string } {
  const pending = states.filter((state) => state.status === 'pending')
  if (requested === undefined) return pending.length === 0 ? { reason: 'not-held' } : pending

  const chosen: RecipientRow[] = []
  for (const address of requested) {
    const state = states.find((candidate) => sameAddress(candidate.address, address))
    if (state === undefined) return { reason: 'no-such-recipient', address }
    if (state.status !== 'pending') return { reason: 'not-held' }
    if (!chosen.includes(state)) chosen.push(state)
  }
  return chosen.length === 0 ? { reason: 'not-held' } : chosen
}

/** Mailbox comparison for operators typing addresses: the whole address, case-insensitive. */
function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function isDue(row: QuarantineRow, at: Date): boolean {
  return (
    row.action === 'justify' &&
    row.justify_deadline !== null &&
    row.justify_deadline <= at.getTime()
  )
}

/** The audit keeps a justification's size and fingerprint; its text stays in the record. */
function describeText(text: string): Record<string, unknown> {
  return {
    characters: text.length,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  }
}

function recipientRows(db: Database.Database, id: string): RecipientRow[] {
  return db
    .prepare(
      `SELECT position, address, status, outbox_id, resolved_at, resolved_by
       FROM quarantine_recipient WHERE quarantine_id = ? ORDER BY position`,
    )
    .all(id) as RecipientRow[]
}

function toRecord(row: QuarantineRow, recipients: readonly RecipientRow[]): QuarantineRecord {
  const states: HeldRecipient[] = recipients.map((state) => ({
    address: state.address,
    status: state.status,
    outboxId: state.outbox_id ?? undefined,
    resolvedAt: state.resolved_at === null ? undefined : new Date(state.resolved_at),
    resolvedBy: state.resolved_by ?? undefined,
  }))
  return {
    id: row.id,
    receivedAt: new Date(row.received_at),
    sender: row.sender,
    recipients: JSON.parse(row.recipients) as string[],
    recipientStates: states,
    size: row.size,
    action: row.action,
    status: row.status,
    messageId: row.message_id ?? undefined,
    networkMessageId: row.network_message_id ?? undefined,
    tenantId: row.tenant_id ?? undefined,
    report: JSON.parse(row.report) as unknown,
    narrative: row.narrative ?? undefined,
    justifyDeadline: row.justify_deadline === null ? undefined : new Date(row.justify_deadline),
    justifyAttempts: row.justify_attempts,
    justification:
      row.justification === null || row.justified_at === null
        ? undefined
        : { text: row.justification, at: new Date(row.justified_at) },
    resolvedAt: row.resolved_at === null ? undefined : new Date(row.resolved_at),
    resolvedBy: row.resolved_by ?? undefined,
    resolutionNote: row.resolution_note ?? undefined,
  }
}

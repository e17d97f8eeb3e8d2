// Baselines in their own SQLite file, <dataDir>/baselines.db, with senders cached in memory.
//
// A separate file rather than mailward.db: baselines are statistics that can be rebuilt from
// sent mail, so they are written with synchronous=NORMAL (WAL, no fsync per send) and never
// make a quarantine commit wait; they can be deleted or re-learned without touching the
// quarantine, and their migrations stay apart from the message store's.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { BASELINE_MIGRATIONS } from './baseline-schema.js'
import { LruCache } from './baseline-cache.js'
import {
  applyObservation,
  emptyOrg,
  emptySender,
  type AppliedChange,
  type MutableOrg,
  type MutableSender,
} from './baseline-apply.js'
import { GroupTable } from './group-table.js'
import { RecipientTable } from './recipient-table.js'
import { CountTable } from './count-table.js'
import type {
  BaselineStore,
  SendObservation,
  SenderBaseline,
  VolumeHabits,
} from './baseline-types.js'

export interface BaselineStoreOptions {
  /** Senders kept in memory; a miss costs one indexed read of the sender's rows. */
  readonly cacheSenders: number
}

interface StatColumns {
  sends: number
  rcpt_sum: number
  rcpt_sq: number
  rcpt_max: number
  att_sum: number
  att_sq: number
  att_max: number
  find_sum: number
  find_sq: number
  find_max: number
  vis_sum: number
  vis_sq: number
  vis_max: number
}

interface SenderRow extends StatColumns {
  id: number
  address: string
  name: string
  first_seen: number
  last_seen: number
  group_sends: number
  repeat_group_sends: number
}

/**
 * Opens (creating and migrating when needed) `<dataDir>/baselines.db`.
 *
 * @example
 * const baselines = openBaselineStore('./data', { cacheSenders: 2000 })
 * const habit = await baselines.sender('alice@example.com')
 */
export function openBaselineStore(dataDir: string, options: BaselineStoreOptions): BaselineStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = new Database(join(dataDir, 'baselines.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 10000')
  // A checkpoint copies the WAL into the database file and fsyncs it. At SQLite's default of
  // 1,000 pages that happens every hundred or so learned sends and put 4-5 ms on one send in a
  // hundred (bench:behavior); at 10,000 pages (a WAL of at most 40 MB) it is ten times rarer,
  // and less work overall, since pages written again and again are copied once.
  db.pragma('wal_autocheckpoint = 10000')
  // A miss reads one sender's rows (500 recipients are some 60 pages); 32 MB of page cache
  // keeps the index pages and recently read senders in memory instead of the 2 MB default.
  db.pragma('cache_size = -32768')
  migrate(db)
  return new SqliteBaselineStore(db, options)
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < BASELINE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(BASELINE_MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}

/**
 * How often the store asks SQLite whether another process (a `baseline learn` beside a running
 * relay) changed the file. `PRAGMA data_version` costs microseconds, but a change means the
 * cache is dropped and the organisation reloaded, so a busy writer is not followed per send; a
 * second of staleness changes nothing a sender would notice.
 */
const RECHECK_MS = 1000

class SqliteBaselineStore implements BaselineStore {
  private readonly cache: LruCache<string, { id: number; baseline: MutableSender }>
  private orgState: MutableOrg
  private readonly statements
  private dataVersion: number
  private checkedAt = 0

  constructor(
    private readonly db: Database.Database,
    options: BaselineStoreOptions,
  ) {
    this.cache = new LruCache(Math.max(1, options.cacheSenders))
    this.statements = prepareStatements(db)
    this.orgState = loadOrg(db)
    this.dataVersion = this.readDataVersion()
  }

  sender(address: string): Promise<SenderBaseline | undefined> {
    this.followOtherWriters()
    const entry = this.load(address.toLowerCase())
    return Promise.resolve(
      entry === undefined || entry.baseline.sends === 0 ? undefined : entry.baseline,
    )
  }

  org(): Promise<MutableOrg> {
    this.followOtherWriters()
    return Promise.resolve(this.orgState)
  }

  learn(observation: SendObservation): Promise<void> {
    return this.learnBatch([observation])
  }

  learnBatch(observations: readonly SendObservation[]): Promise<void> {
    this.followOtherWriters()
    try {
      this.db
        .transaction(() => {
          for (const observation of observations) this.apply(observation)
        })
        .immediate()
    } catch (error) {
      // The in-memory baselines were changed before the write failed and rolled back; read them
      // again from the file so that memory and disk agree, then let the caller know.
      this.cache.clear()
      this.orgState = loadOrg(this.db)
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
    // data_version does not move for this connection's own commits, so nothing to note here.
    return Promise.resolve()
  }

  listSenders(): Promise<string[]> {
    const rows = this.statements.listSenders.all() as { address: string }[]
    return Promise.resolve(rows.map((row) => row.address))
  }

  close(): Promise<void> {
    this.db.close()
    return Promise.resolve()
  }

  /** One observation, in memory and in the open transaction. */
  private apply(observation: SendObservation): void {
    const address = observation.sender.toLowerCase()
    const at = observation.at.getTime()
    const s = this.statements

    let entry = this.load(address)
    if (entry === undefined) {
      const id = Number(s.insertSender.run(address, observation.senderName, at, at).lastInsertRowid)
      entry = { id, baseline: emptySender(address) }
      this.cache.set(address, entry)
    }
    const change = applyObservation(entry.baseline, this.orgState, observation)
    writeChange(s, entry.id, observation, change, at)
  }

  /** Drops what memory holds when another connection committed since the last look. */
  private followOtherWriters(): void {
    const now = Date.now()
    if (now - this.checkedAt < RECHECK_MS) return
    this.checkedAt = now

    const version = this.readDataVersion()
    if (version === this.dataVersion) return
    this.dataVersion = version
    this.cache.clear()
    this.orgState = loadOrg(this.db)
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }

  private load(address: string): { id: number; baseline: MutableSender } | undefined {
    const cached = this.cache.get(address)
    if (cached !== undefined) return cached

    const row = this.statements.getSender.get(address) as SenderRow | undefined
    if (row === undefined) return undefined
    const entry = { id: row.id, baseline: readSender(this.statements, row) }
    this.cache.set(address, entry)
    return entry
  }
}

function prepareStatements(db: Database.Database) {
  return {
    getSender: db.prepare('SELECT * FROM sender WHERE address = ?'),
    listSenders: db.prepare('SELECT address FROM sender ORDER BY address'),
    // A cache miss reads every recipient of the sender. As rows, that is an array and two
    // strings per recipient for better-sqlite3 to build and the collector to sweep (0.3 ms of
    // the 0.34 ms for 500 rows; SQLite's own scan is 0.04 ms). Aggregated, it is two buffers of
    // UTF-8 (a BLOB arrives as a Buffer, outside the heap, where text would be a string on it):
    // every address and name back to back, and five numbers per recipient (the byte lengths of
    // the two, count, first and last seen) that say where each one ends. Both aggregates step
    // through the same rows in one pass, so their orders agree; it is primary-key order, as the
    // rows were read before.
    recipients: db
      .prepare(
        `SELECT count(*), CAST(group_concat(address || name, '') AS BLOB),
          CAST(group_concat(length(CAST(address AS BLOB)) || ',' || length(CAST(name AS BLOB))
            || ',' || count || ',' || first_seen || ',' || last_seen) AS BLOB)
        FROM recipient WHERE sender_id = ?`,
      )
      .raw(true),
    // Groups are read the same way: every key back to back, and three numbers per group (the
    // key's byte length, count, last seen).
    groups: db
      .prepare(
        `SELECT count(*), CAST(group_concat(members, '') AS BLOB),
          CAST(group_concat(length(CAST(members AS BLOB)) || ',' || count || ',' || last_seen)
            AS BLOB)
        FROM sender_group WHERE sender_id = ?`,
      )
      .raw(true),
    hours: db.prepare('SELECT hour, count FROM sender_hour WHERE sender_id = ?'),
    insertSender: db.prepare(`
      INSERT INTO sender (address, name, sends, first_seen, last_seen,
        rcpt_sum, rcpt_sq, rcpt_max, att_sum, att_sq, att_max, find_sum, find_sq, find_max)
      VALUES (?, ?, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)`),
    updateSender: db.prepare(`
      UPDATE sender SET
        name = CASE WHEN @name <> '' THEN @name ELSE name END,
        sends = sends + 1,
        first_seen = min(first_seen, @at), last_seen = max(last_seen, @at),
        rcpt_sum = rcpt_sum + @rcpt, rcpt_sq = rcpt_sq + @rcpt * @rcpt,
        rcpt_max = max(rcpt_max, @rcptRaw),
        att_sum = att_sum + @att, att_sq = att_sq + @att * @att, att_max = max(att_max, @attRaw),
        find_sum = find_sum + @find, find_sq = find_sq + @find * @find,
        find_max = max(find_max, @findRaw),
        vis_sum = vis_sum + @vis, vis_sq = vis_sq + @vis * @vis, vis_max = max(vis_max, @visRaw),
        group_sends = group_sends + @groupSend, repeat_group_sends = repeat_group_sends + @repeat
      WHERE id = @id`),
    upsertRecipient: db.prepare(`
      INSERT INTO recipient VALUES (?, ?, ?, 1, ?, ?)
      ON CONFLICT (sender_id, address) DO UPDATE SET
        count = count + 1,
        name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END,
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen)`),
    upsertGroup: db.prepare(`
      INSERT INTO sender_group VALUES (?, ?, 1, ?)
      ON CONFLICT (sender_id, members) DO UPDATE SET
        count = count + 1, last_seen = max(last_seen, excluded.last_seen)`),
    deleteGroup: db.prepare('DELETE FROM sender_group WHERE sender_id = ? AND members = ?'),
    upsertHour: db.prepare(`
      INSERT INTO sender_hour VALUES (?, ?, 1)
      ON CONFLICT (sender_id, hour) DO UPDATE SET count = count + 1`),
    upsertOrgDomain: db.prepare(`
      INSERT INTO org_domain VALUES (?, 1, ?, ?, ?)
      ON CONFLICT (domain) DO UPDATE SET
        sends = sends + 1, senders = senders + excluded.senders,
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen)`),
    upsertOrgHour: db.prepare(`
      INSERT INTO org_hour VALUES (?, 1) ON CONFLICT (hour) DO UPDATE SET count = count + 1`),
    updateOrg: db.prepare(`
      UPDATE org_stat SET
        sends = sends + 1, senders = senders + @newSender,
        rcpt_sum = rcpt_sum + @rcpt, rcpt_sq = rcpt_sq + @rcpt * @rcpt,
        rcpt_max = max(rcpt_max, @rcptRaw),
        att_sum = att_sum + @att, att_sq = att_sq + @att * @att, att_max = max(att_max, @attRaw),
        find_sum = find_sum + @find, find_sq = find_sq + @find * @find,
        find_max = max(find_max, @findRaw),
        vis_sum = vis_sum + @vis, vis_sq = vis_sq + @vis * @vis, vis_max = max(vis_max, @visRaw)
      WHERE id = 1`),
  }
}

type Statements = ReturnType<typeof prepareStatements>

function writeChange(
  s: Statements,
  senderId: number,
  observation: SendObservation,
  change: AppliedChange,
  at: number,
): void {
  const { values } = change
  const volumes = {
    rcpt: Math.log1p(values.recipients),
    rcptRaw: values.recipients,
    att: Math.log1p(values.attachmentBytes),
    attRaw: values.attachmentBytes,
    find: Math.log1p(values.findings),
    findRaw: values.findings,
    vis: Math.log1p(values.visibleExternal),
    visRaw: values.visibleExternal,
  }
  s.updateSender.run({
    id: senderId,
    name: observation.senderName,
    at,
    groupSend: change.groupKey === undefined ? 0 : 1,
    repeat: change.isRepeatGroup ? 1 : 0,
    ...volumes,
  })

  for (const recipient of observation.recipients) {
    s.upsertRecipient.run(senderId, recipient.address, recipient.name, at, at)
  }
  if (change.groupKey !== undefined) s.upsertGroup.run(senderId, change.groupKey, at)
  if (change.evictedGroup !== undefined) s.deleteGroup.run(senderId, change.evictedGroup)
  s.upsertHour.run(senderId, observation.hourOfWeek)

  for (const { domain, isNewForSender } of change.domains) {
    s.upsertOrgDomain.run(domain, isNewForSender ? 1 : 0, at, at)
  }
  s.upsertOrgHour.run(observation.hourOfWeek)
  s.updateOrg.run({ newSender: change.isNewSender ? 1 : 0, ...volumes })
}

/**
 * A cache miss: every row of the sender; recipients, domains and groups in compact form.
 *
 * TODO: a miss still takes some 0.6-0.8 ms for 500 recipients (0.15 ms of it SQLite's
 * aggregation, most of the rest hashing every address into the tables), and with 10,000 active
 * senders against the default cache of 2,000 bench:behavior's p99 is 4-8 ms against an aim of
 * 2 ms: the tail is the collector (a scavenge every hundred or so misses, and marking started by
 * the tables' array buffers). One BLOB per sender, laid out as the tables are, would make a miss
 * one row and one copy; it needs a migration, and writes that rewrite the blob instead of adding
 * to counts in SQL (docs/performance.md, Behaviour).
 */
function readSender(s: Statements, row: SenderRow): MutableSender {
  const domains = new CountTable(16, 256)
  const baseline = emptySender(
    row.address,
    readRecipients(s, row.id, domains),
    domains,
    readGroups(s, row.id),
  )
  baseline.name = row.name
  baseline.sends = row.sends
  baseline.firstSeen = row.first_seen
  baseline.lastSeen = row.last_seen
  baseline.volumes = readVolumes(row)
  baseline.groupSends = row.group_sends
  baseline.repeatGroupSends = row.repeat_group_sends

  const hours = s.hours.all(row.id) as { hour: number; count: number }[]
  for (const h of hours) baseline.hours[h.hour] = h.count
  return baseline
}

/**
 * The sender's recipients from the aggregated read (see `recipients` in prepareStatements), and
 * their occurrences per domain, in the order the domains first appear.
 */
function readRecipients(s: Statements, senderId: number, domains: CountTable): RecipientTable {
  const [count, text, numbers] = s.recipients.get(senderId) as AggregatedRow
  const bytes = text ?? EMPTY
  const values = parseIntegers(numbers ?? EMPTY, count * 5)
  let addressBytes = 0
  for (let i = 0; i < count; i++) addressBytes += values[i * 5] ?? 0
  const table = new RecipientTable(count, addressBytes, bytes.length - addressBytes)

  let at = 0
  for (let i = 0; i < count; i++) {
    const field = i * 5
    const addressEnd = at + (values[field] ?? 0)
    const nameEnd = addressEnd + (values[field + 1] ?? 0)
    const habit = {
      count: values[field + 2] ?? 0,
      firstSeen: values[field + 3] ?? 0,
      lastSeen: values[field + 4] ?? 0,
    }
    table.addBytes(
      bytes,
      { start: at, end: addressEnd },
      { start: addressEnd, end: nameEnd },
      habit,
    )

    // The domain is what follows the last @ (0x40 is never part of a multi-byte character).
    let domainStart = addressEnd
    while (domainStart > at && bytes[domainStart - 1] !== 0x40) domainStart--
    domains.addBytes(bytes, domainStart, addressEnd, habit.count)
    at = nameEnd
  }
  if (at !== bytes.length) throw new Error('baselines.db: recipient lengths do not add up')
  return table
}

/** count(*), the strings back to back, the numbers; both buffers are null with no rows. */
type AggregatedRow = [number, Buffer | null, Buffer | null]

const EMPTY = Buffer.alloc(0)

/** The sender's groups from the aggregated read (see `groups` in prepareStatements). */
function readGroups(s: Statements, senderId: number): GroupTable {
  const [count, text, numbers] = s.groups.get(senderId) as AggregatedRow
  const bytes = text ?? EMPTY
  const values = parseIntegers(numbers ?? EMPTY, count * 3)
  const groups = new GroupTable(count, bytes.length)
  let at = 0
  for (let i = 0; i < count; i++) {
    const end = at + (values[i * 3] ?? 0)
    groups.addBytes(bytes, at, end, values[i * 3 + 1] ?? 0, values[i * 3 + 2] ?? 0)
    at = end
  }
  if (at !== bytes.length) throw new Error('baselines.db: group lengths do not add up')
  return groups
}

/** Where parseIntegers puts what it reads: reused, as a miss would allocate 20 KB for it. */
let parsed = new Float64Array(4096)

/**
 * The comma-separated numbers in `text` (ASCII, as SQLite prints them), in a buffer valid until
 * the next call. Integers (all the columns hold) are read digit by digit; anything else (a REAL
 * written by hand, say) falls back to Number per value.
 */
function parseIntegers(text: Uint8Array, expected: number): Float64Array {
  if (text.length === 0) return parsed
  if (expected > parsed.length) parsed = new Float64Array(expected * 2)
  const values = parsed
  let index = 0
  let value = 0
  let sign = 1
  let digits = 0
  for (let i = 0; i <= text.length; i++) {
    const code = i === text.length ? 0x2c : (text[i] ?? 0)
    if (code === 0x2c && digits > 0) {
      values[index++] = sign * value
      value = 0
      sign = 1
      digits = 0
    } else if (code >= 0x30 && code <= 0x39) {
      value = value * 10 + (code - 0x30)
      digits++
    } else if (code === 0x2d && digits === 0 && sign === 1) {
      sign = -1
    } else {
      return Float64Array.from(Buffer.from(text).toString('latin1').split(','), Number)
    }
    if (index > expected) break
  }
  if (index !== expected) {
    throw new Error(`baselines.db: expected ${expected} values, read ${index}`)
  }
  return values
}

function loadOrg(db: Database.Database): MutableOrg {
  const org = emptyOrg()
  const stat = db.prepare('SELECT * FROM org_stat WHERE id = 1').get() as StatColumns & {
    senders: number
  }
  org.sends = stat.sends
  org.senders = stat.senders
  org.volumes = readVolumes(stat)

  const domains = db.prepare('SELECT * FROM org_domain').all() as {
    domain: string
    sends: number
    senders: number
    first_seen: number
    last_seen: number
  }[]
  for (const d of domains) {
    org.domains.set(d.domain, {
      sends: d.sends,
      senders: d.senders,
      firstSeen: d.first_seen,
      lastSeen: d.last_seen,
    })
  }

  const hours = db.prepare('SELECT hour, count FROM org_hour').all() as {
    hour: number
    count: number
  }[]
  for (const h of hours) org.hours[h.hour] = h.count
  return org
}

function readVolumes(row: StatColumns): VolumeHabits {
  return {
    recipients: { sum: row.rcpt_sum, sumSq: row.rcpt_sq, max: row.rcpt_max },
    attachmentBytes: { sum: row.att_sum, sumSq: row.att_sq, max: row.att_max },
    findings: { sum: row.find_sum, sumSq: row.find_sq, max: row.find_max },
    visibleExternal: { sum: row.vis_sum, sumSq: row.vis_sq, max: row.vis_max },
  }
}

// `quarantine purge` and `quarantine export`: removing decided messages for good, and copying a
// held message out as an .eml file. Both are recorded in the audit log with the operator.
import { closeSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { CliError, EXIT } from './shared.js'
import type { PurgeResult, Store } from '../store/types.js'

export interface PurgeLine {
  readonly id: string
  readonly ok: boolean
  readonly message: string
}

/** Purges the given ids (or, with none given, every message decided before `before`). */
export async function purgeMessages(
  store: Store,
  ids: readonly string[],
  before: Date,
  operator: string,
  dryRun: boolean,
): Promise<PurgeLine[]> {
  const targets =
    ids.length > 0
      ? ids
      : (await store.listQuarantined({ decidedBefore: before, limit: 100_000 })).map((r) => r.id)

  const lines: PurgeLine[] = []
  for (const id of targets) {
    if (dryRun) {
      const record = await store.getQuarantined(id)
      const message = record === undefined ? 'no such message' : `would purge (${record.status})`
      lines.push({ id, ok: record !== undefined, message })
      continue
    }
    lines.push({ id, ...describePurge(await store.purge(id, operator)) })
  }
  return lines
}

function describePurge(result: PurgeResult): { ok: boolean; message: string } {
  if (result.ok) return { ok: true, message: 'purged' }
  switch (result.reason) {
    case 'not-found':
      return { ok: false, message: 'no such message in quarantine' }
    case 'still-held':
      // Purging a message nobody has decided would lose it; it must be released or rejected.
      return {
        ok: false,
        message: `not purged: it is ${result.status}; release or reject it first`,
      }
    case 'delivery-pending':
      return {
        ok: false,
        message: `not purged: outbox item #${result.outboxId} is still being delivered`,
      }
  }
}

/**
 * Writes the held message's bytes, unchanged, to `file` (created, never overwritten, readable
 * by the owner only) or to standard output, and records who exported it.
 */
export async function exportMessage(
  store: Store,
  id: string,
  file: string | undefined,
  operator: string,
): Promise<number> {
  const raw = await store.readRaw(id)
  if (file === undefined) {
    process.stdout.write(raw)
  } else {
    const fd = openForExport(file)
    try {
      let offset = 0
      while (offset < raw.length) offset += writeSync(fd, raw, offset, raw.length - offset)
    } finally {
      closeSync(fd)
    }
  }
  await store.audit('message.exported', id, operator, {
    to: file === undefined ? 'stdout' : 'file',
    size: raw.length,
  })
  return raw.length
}

/** A new file for an export: an existing one is never overwritten, a missing folder is named. */
function openForExport(file: string): number {
  try {
    return openSync(file, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new CliError(`${file} exists; it is not overwritten`, EXIT.failed)
    if (code === 'ENOENT') {
      throw new CliError(`${dirname(file)} does not exist; create the folder first`, EXIT.failed)
    }
    throw error
  }
}

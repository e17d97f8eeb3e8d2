// Verifies the audit log of any Store: every row's hash, the chain between rows, and that no
// row is missing from the start, the middle or the end.
import { auditHash, GENESIS_HASH } from './sqlite-audit.js'
import type { AuditEntry, Store } from './types.js'

export type AuditProblem = 'row-edited' | 'chain-broken' | 'rows-missing' | 'tail-missing'

export type AuditVerdict =
  | { readonly ok: true; readonly rows: number; readonly lastSeq: number; readonly head: string }
  | {
      readonly ok: false
      readonly rows: number
      /** The first sequence number at which the log is not what was written. */
      readonly seq: number
      readonly problem: AuditProblem
      readonly message: string
    }

/**
 * Checks a chain of audit rows against their hashes and the store's high-water mark.
 *
 * @example
 * const verdict = verifyAuditChain(await store.auditLog(), await store.auditHighWater())
 * if (!verdict.ok) console.log(`broken at seq ${verdict.seq}: ${verdict.message}`)
 */
export function verifyAuditChain(entries: readonly AuditEntry[], highWater: number): AuditVerdict {
  let prevHash = GENESIS_HASH
  let prevSeq = 0

  for (const entry of entries) {
    const broken = (problem: AuditProblem, seq: number, message: string): AuditVerdict => ({
      ok: false,
      rows: entries.length,
      seq,
      problem,
      message,
    })

    if (entry.seq !== prevSeq + 1) {
      const missing = prevSeq + 1
      const range = entry.seq - 1 === missing ? `${missing}` : `${missing} to ${entry.seq - 1}`
      return broken('rows-missing', missing, `row ${range} deleted`)
    }

    const content = {
      at: entry.at.getTime(),
      event: entry.event,
      ref: entry.ref ?? null,
      actor: entry.actor,
      detail: JSON.stringify(entry.detail),
    }
    if (auditHash(entry.prevHash, content) !== entry.hash) {
      return broken('row-edited', entry.seq, 'row content does not match its hash (edited)')
    }
    if (entry.prevHash !== prevHash) {
      return broken(
        'chain-broken',
        entry.seq,
        `row does not follow row ${prevSeq} (one of them was replaced)`,
      )
    }

    prevHash = entry.hash
    prevSeq = entry.seq
  }

  if (highWater > prevSeq) {
    const message =
      highWater === prevSeq + 1
        ? `row ${highWater} deleted from the end`
        : `rows ${prevSeq + 1} to ${highWater} deleted from the end`
    return { ok: false, rows: entries.length, seq: prevSeq + 1, problem: 'tail-missing', message }
  }
  return { ok: true, rows: entries.length, lastSeq: prevSeq, head: prevHash }
}

/** Verifies a store's whole audit log. */
export async function verifyAudit(store: Store): Promise<AuditVerdict> {
  return verifyAuditChain(await store.auditLog(), await store.auditHighWater())
}

// Per-source connection limit: how many connections one client address may hold open at once,
// so that one address cannot take every connection limits.maxConnections allows.
import ipaddr from 'ipaddr.js'

export interface Admission {
  readonly admitted: boolean
  readonly open: number
}

export interface SourceConnections {
  /**
   * Counts the connection `sessionId` against `address` if that address holds fewer than the
   * limit; `open` is how many it holds afterwards (refused: how many it already held).
   */
  admit(sessionId: string, address: string): Admission
  /** Forgets an admitted connection; a session that was never admitted is ignored. */
  release(sessionId: string): void
  /** Connections `address` holds now. */
  openFrom(address: string): number
}

/**
 * Counts open connections per client address, up to `limit` each.
 *
 * @example
 * const sources = limitPerSource(2)
 * sources.admit('a', '10.0.0.1') // { admitted: true, open: 1 }
 * sources.admit('b', '10.0.0.1') // { admitted: true, open: 2 }
 * sources.admit('c', '10.0.0.1') // { admitted: false, open: 2 }
 */
export function limitPerSource(limit: number): SourceConnections {
  const open = new Map<string, number>()
  const sessions = new Map<string, string>()

  return {
    admit(sessionId, address) {
      const key = sourceKey(address)
      const current = open.get(key) ?? 0
      if (current >= limit) return { admitted: false, open: current }
      open.set(key, current + 1)
      sessions.set(sessionId, key)
      return { admitted: true, open: current + 1 }
    },
    release(sessionId) {
      const key = sessions.get(sessionId)
      if (key === undefined) return
      sessions.delete(sessionId)
      const remaining = (open.get(key) ?? 1) - 1
      // Addresses with nothing open are dropped, so the map holds only live sources.
      if (remaining > 0) open.set(key, remaining)
      else open.delete(key)
    },
    openFrom(address) {
      return open.get(sourceKey(address)) ?? 0
    },
  }
}

/**
 * One spelling per address: an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, as a dual-stack
 * socket reports it) counts as its IPv4 address, and IPv6 is written in its compressed form.
 */
export function sourceKey(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address
}

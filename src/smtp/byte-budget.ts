// One budget for the bytes of all messages the relay holds between their first DATA chunk and
// their reply. limits.maxMessageBytes bounds one message and limits.maxConnections their
// number, but together they allow 200 × 64 MiB: far more memory than a relay's container has.
// A message that would take the budget past its limit is refused with a temporary failure
// (452 4.3.1), so that the client keeps it and tries again once others have been answered.
//
// One client address may hold at most a quarter of it: otherwise one client that sends large
// messages slowly (a byte every few seconds keeps a connection open) could hold all of it and
// have every other sender refused. A quarter of the default 1 GiB is four messages of the
// largest size at once from one address.

/** The share of the budget one client address may hold. */
const SOURCE_SHARE = 0.25

export class ByteBudget {
  private used = 0
  private readonly bySource = new Map<string, number>()

  constructor(readonly limit: number) {}

  /** Bytes one source may hold at once. */
  get sourceLimit(): number {
    return Math.floor(this.limit * SOURCE_SHARE)
  }

  /** Takes `bytes` for `source` if they fit; false (and nothing taken) if they do not. */
  take(bytes: number, source = ''): boolean {
    const held = this.bySource.get(source) ?? 0
    if (this.used + bytes > this.limit || held + bytes > this.sourceLimit) return false
    this.used += bytes
    this.bySource.set(source, held + bytes)
    return true
  }

  give(bytes: number, source = ''): void {
    this.used = Math.max(0, this.used - bytes)
    const held = (this.bySource.get(source) ?? 0) - bytes
    if (held > 0) this.bySource.set(source, held)
    else this.bySource.delete(source)
  }

  get inUse(): number {
    return this.used
  }

  /** Bytes `source` holds now. */
  heldBy(source: string): number {
    return this.bySource.get(source) ?? 0
  }
}

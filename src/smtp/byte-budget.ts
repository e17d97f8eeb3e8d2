// One budget for the bytes of all messages the relay holds between their first DATA chunk and
// their reply. limits.maxMessageBytes bounds one message and limits.maxConnections their
// number, but together they allow 200 × 64 MiB: far more memory than a relay's container has.
// A message that would take the budget past its limit is refused with a temporary failure
// (452 4.3.1), so that the client keeps it and tries again once others have been answered.

export class ByteBudget {
  private used = 0

  constructor(readonly limit: number) {}

  /** Takes `bytes` if they fit; false (and nothing taken) if they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false
    this.used += bytes
    return true
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes)
  }

  get inUse(): number {
    return this.used
  }
}

// A background pass run on a timer and on demand, never two at once: the outbox runner and
// the sweeper both work this way.

/**
 * Runs `pass` every `intervalMs` once started, and whenever `kick()` asks. A kick during a pass
 * runs one more pass after it, so work that arrived meanwhile is not left to the next tick. The
 * pass handles its own errors.
 *
 * @example
 * const passes = new PeriodicPass(() => drainOutbox(), 5_000)
 * passes.start()
 * passes.kick() // a message was just queued
 */
export class PeriodicPass {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Starts the timer (which does not keep the process alive) and runs a pass now. */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs)
    this.timer.unref()
    this.kick()
  }

  /** Stops the timer and waits for the pass in progress. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.again = false
    await this.running
  }

  kick(): void {
    if (this.running !== undefined) {
      this.again = true
      return
    }
    this.running = this.pass().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.kick()
      }
    })
  }

  /** Resolves once no pass is running (at once if none is). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running
  }
}

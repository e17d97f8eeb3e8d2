import { describe, expect, it } from 'vitest'
import { PeriodicPass } from './periodic-pass.js'

/** A pass that counts its runs and waits for `release()` before it ends. */
function gatedPass() {
  let runs = 0
  let open: (() => void) | undefined
  const pass = async () => {
    runs++
    await new Promise<void>((resolve) => (open = resolve))
  }
  return { pass, runs: () => runs, release: () => open?.() }
}

describe('PeriodicPass', () => {
  it('never runs two passes at once, and runs one more for kicks that came during a pass', async () => {
    const gate = gatedPass()
    const passes = new PeriodicPass(gate.pass, 60_000)

    passes.kick()
    passes.kick()
    passes.kick()
    expect(gate.runs()).toBe(1)

    gate.release()
    await new Promise((resolve) => setImmediate(resolve))
    expect(gate.runs()).toBe(2)

    gate.release()
    await passes.idle()
    expect(gate.runs()).toBe(2)
  })

  it('stop waits for the pass in progress and drops the kicks queued behind it', async () => {
    const gate = gatedPass()
    const passes = new PeriodicPass(gate.pass, 60_000)
    passes.start()
    passes.kick()

    const stopped = passes.stop()
    gate.release()
    await stopped

    expect(gate.runs()).toBe(1)
    await passes.idle()
    expect(gate.runs()).toBe(1)
  })
})

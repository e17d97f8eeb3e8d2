// The pool's time limit runs from when a worker starts on a message, not from when it was queued.
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkerInspector, InspectionTimeout } from './pool.js'
import { defaultExtractLimits } from '../extract/index.js'

/** A message whose inspection takes a while: a few MB of digit groups for the detectors. */
const SLOW = Buffer.from(
  `From: alice@example.com\r\nSubject: slow\r\n\r\n${'1234 5678 9012 3456 7890 '.repeat(60_000)}\r\n`,
)

describe('worker inspector', () => {
  const inspector = createWorkerInspector({ maxMessageDepth: 8, extract: defaultExtractLimits }, 1)
  afterAll(() => inspector.close())

  it('does not count time spent waiting for the one worker against a message', async () => {
    await inspector.inspect(SLOW, 60_000) // warm-up: the worker loads its modules
    const started = performance.now()
    await inspector.inspect(SLOW, 60_000)
    const alone = performance.now() - started

    // Three at once on one worker: the third waits for two. Each has 2.5 times what one takes
    // alone, less than the 3 the third would need if waiting counted.
    const limit = Math.ceil(alone * 2.5)
    const results = await Promise.allSettled([1, 2, 3].map(() => inspector.inspect(SLOW, limit)))

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
  })

  it('still ends an inspection that takes longer than its limit', async () => {
    await expect(inspector.inspect(SLOW, 100)).rejects.toBeInstanceOf(InspectionTimeout)
  })
})

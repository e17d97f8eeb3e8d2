// The pool's time limit runs from when a worker starts on a message, not from when it was queued.
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkerInspector, InspectionTimeout } from './pool.js'
import { defaultExtractLimits } from '../extract/index.js'

/** A message whose inspection takes a while: a few MB of digit groups for the detectors. */
const SLOW = Buffer.from(
  `From: alice@example.com\r\nSubject: slow\r\n\r\n${'1234 5678 9012 3456 7890 '.repeat(60_000)}\r\n`,
)

describe('worker inspector', () => {
  const inspector = createWorkerInspector(
    { maxMessageDepth: 8, extract: defaultExtractLimits },
    { workers: 1 },
  )
  afterAll(() => inspector.close())

  it('does not count time spent waiting for the one worker against a message', async () => {
    await inspector.inspect(SLOW, 60_000) // warm-up: the worker loads its modules
    // The slower of two runs alone, so that a noisy moment on a shared machine does not set a
    // limit the three runs below cannot meet.
    let alone = 0
    for (let run = 0; run < 2; run++) {
      const started = performance.now()
      await inspector.inspect(SLOW, 60_000)
      alone = Math.max(alone, performance.now() - started)
    }

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

describe('worker heap limit', () => {
  const inspector = createWorkerInspector(
    { maxMessageDepth: 8, extract: defaultExtractLimits },
    { workers: 1, heapMiB: 128 },
  )
  afterAll(() => inspector.close())

  it('ends a worker past its heap limit, rejects that message, and goes on with a new one', async () => {
    // 4 MB of nothing but card numbers: 160,000 findings need more than 128 MiB of heap.
    const cards = Buffer.from(
      `From: alice@example.com\r\nSubject: dump\r\n\r\n${'4111 1111 1111 1111 '.repeat(200_000)}\r\n`,
    )
    const small = Buffer.from('From: alice@example.com\r\nSubject: hi\r\n\r\nsee you at 10\r\n')

    await expect(inspector.inspect(cards, 60_000)).rejects.toMatchObject({
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    })
    const next = await inspector.inspect(small, 60_000)
    expect(next.headers.subject).toBe('hi')
  })
})

describe('worker readiness', () => {
  it('says when every worker has read its warm-up message', async () => {
    // Without a word from both workers, ready() would wait past the test's own time limit.
    const pool = createWorkerInspector(
      { maxMessageDepth: 8, extract: defaultExtractLimits },
      { workers: 2, readyWaitMs: 10 * 60_000 },
    )
    try {
      await pool.ready?.()
    } finally {
      await pool.close()
    }
  })
})

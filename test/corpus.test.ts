// Every message of the shared parser and benign corpora goes through the relay over SMTP and
// ends in a decision or a deliberate refusal: no crash, no hang, no inspection fault.
import { describe, expect, it } from 'vitest'
import { outcomeOf, runCorpus } from '../scripts/corpus-run.js'

/** Replies that are decisions, or refusals the relay makes on purpose with a reason. */
const DELIBERATE = new Set(['250 delivered', '250 held', '552 5.3.4', '554 5.6.0'])

describe('corpus through the relay', () => {
  it('gives every parser and benign corpus message a decision or a deliberate refusal', async () => {
    const summary = await runCorpus()

    const unexpected = summary.results.filter((result) => !DELIBERATE.has(outcomeOf(result)))
    expect(unexpected.map((result) => `${result.file}: ${result.reply}`)).toEqual([])
    expect(summary.results).toHaveLength(summary.files)
    const decided = Object.values(summary.byAction).reduce((sum, n) => sum + n, 0)
    expect(decided).toBe(summary.results.filter((result) => result.code === 250).length)
  }, 600_000)
})

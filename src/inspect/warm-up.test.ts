import { describe, expect, it } from 'vitest'

import { defaultExtractLimits } from '../extract/index.js'
import { inspectContent } from './content.js'
import { warmUpMessage } from './warm-up.js'

// The warm-up is worth its start-up time only if it goes down the paths real mail takes.
describe('the worker warm-up message', () => {
  it('is read through every stage: both bodies, the PDF, and the checked recognisers', async () => {
    const report = await inspectContent(warmUpMessage(), {
      maxMessageDepth: 8,
      extract: defaultExtractLimits,
    })

    const pdf = report.parts.find((p) => p.detectedType === 'application/pdf')
    expect(pdf?.status).toBe('inspected')
    expect(pdf?.textBytes).toBeGreaterThan(0)
    const cardsByPart = new Set(
      report.findings.filter((f) => f.category === 'CREDIT_CARD').map((f) => f.partId),
    )
    expect(cardsByPart).toContain(pdf?.partId)
    expect(cardsByPart.size).toBeGreaterThanOrEqual(2)
    const categories = new Set(report.findings.map((f) => f.category))
    for (const category of ['IBAN', 'PHONE_NUMBER', 'EMAIL_ADDRESS']) {
      expect(categories).toContain(category)
    }
  })
})

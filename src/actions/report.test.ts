import { describe, expect, it } from 'vitest'

import type { PartReport } from '../extract/types.js'
import { describePart } from './report.js'

const report = (partId: string, extra: Partial<PartReport> = {}): PartReport => ({
  partId,
  declaredType: 'text/plain',
  detectedType: 'text/plain',
  filename: undefined,
  size: 10,
  method: 'text',
  status: 'inspected',
  textBytes: 10,
  ...extra,
})

describe('describePart', () => {
  const parts = [
    report('1'),
    report('2', { declaredType: 'application/zip', filename: 'notes.zip' }),
    report('3', { declaredType: '', section: 'outside-parts' }),
  ]

  it.each([
    ['0', 'subject'],
    ['1', 'message text'],
    ['2/header/x.txt', 'attachment notes.zip (header/x.txt)'],
    ['3', 'text outside the MIME parts'],
    ['0/header/X-Note', 'header X-Note'],
    ['4/header/Comments', 'header Comments (message 4)'],
    ['0/structure', 'MIME structure'],
    ['9/other', 'part 9/other'],
  ])('describes %s as "%s"', (partId, where) => {
    expect(describePart(partId, parts)).toBe(where)
  })
})

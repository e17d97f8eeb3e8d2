import { describe, expect, it } from 'vitest'

import { detectAll } from './index.js'

function exportRows(count: number, delimiter: string): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(2, '0')
    return [`user${n}`, `user${n}@example.com`, `+44 20 7946 09${n}`].join(delimiter)
  })
  return ['name,email,phone', ...rows].join('\n')
}

describe('data sets', () => {
  it.each<[string, string]>([
    ['comma-separated export', ','],
    ['semicolon export', ';'],
    ['tab-separated export', '\t'],
  ])('groups every finding of a %s under one data set', (_label, delimiter) => {
    const findings = detectAll([
      { partId: '3', origin: 'attachment', text: exportRows(12, delimiter) },
    ])
    const ids = new Set(findings.map((f) => f.dataSet?.id))

    expect(findings).toHaveLength(24)
    expect([...ids]).toEqual(['3#1'])
    expect(findings[0]?.dataSet?.rows).toBe(12)
  })

  it('does not call a short list a data set', () => {
    const findings = detectAll([{ partId: '1', origin: 'body-text', text: exportRows(5, ',') }])

    expect(findings.some((f) => f.dataSet !== undefined)).toBe(false)
  })

  it('does not call prose lines without a shared delimiter a data set', () => {
    const text = Array.from(
      { length: 12 },
      (_, i) => `Please write to user${i}@example.com about the order`,
    ).join('\n')

    const findings = detectAll([{ partId: '1', origin: 'body-text', text }])

    expect(findings).toHaveLength(12)
    expect(findings.some((f) => f.dataSet !== undefined)).toBe(false)
  })

  it('keeps findings before the table out of the data set', () => {
    const text = `Call me on +44 20 7946 0958.\n\n\n${exportRows(12, ',')}`

    const [first, second] = detectAll([{ partId: '1', origin: 'body-text', text }])

    expect(first?.dataSet).toBeUndefined()
    expect(second?.dataSet?.rows).toBe(12)
  })
})

import { describe, expect, it } from 'vitest'

import { defaultExtractLimits } from '../extract/index.js'
import { inspectContent } from './content.js'
import type { ContentLimits } from './types.js'

const raw = (body: string): Buffer =>
  Buffer.from(
    `From: a@example.com\r\nTo: b@example.org\r\nSubject: call me\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  )

async function phonesIn(body: string, phoneRegions?: readonly string[]): Promise<string[]> {
  const limits: ContentLimits = {
    maxMessageDepth: 8,
    extract: defaultExtractLimits,
    detect: phoneRegions === undefined ? undefined : { phoneRegions },
  }
  const report = await inspectContent(raw(body), limits)
  return report.findings.filter((f) => f.category === 'PHONE_NUMBER').map((f) => f.masked)
}

describe('inspectContent with configured phone regions', () => {
  it.each<[string, string, readonly string[] | undefined, number]>([
    ['a London number with the default regions', 'ring 020 7946 0958', undefined, 1],
    ['a London number in a GB deployment', 'ring 020 7946 0958', ['GB'], 1],
    ['a London number in a US-only deployment', 'ring 020 7946 0958', ['US'], 0],
    ['a US number in a GB-only deployment', 'ring (415) 555-0132', ['GB'], 0],
    ['an international number whatever the regions', 'ring +44 20 7946 0958', ['US'], 1],
  ])('finds %s as configured', async (_label, body, regions, expected) => {
    expect(await phonesIn(body, regions)).toHaveLength(expected)
  })
})

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

describe('inspectContent on structured and machine header fields', () => {
  const limits: ContentLimits = { maxMessageDepth: 8, extract: defaultExtractLimits }
  const headed = (fields: string): Buffer =>
    Buffer.from(
      `From: "Alice Smith" <alice@example.com>\r\nTo: b@example.org\r\nSubject: hello\r\n` +
        `${fields}Content-Type: text/plain\r\n\r\nhello\r\n`,
    )

  it('finds a card in an Exchange-named field, with offsets into that field', async () => {
    const field = 'X-MS-Exchange-Organization-Note: 4111 1111 1111 1111'
    const report = await inspectContent(headed(`X-Mailer: m\r\n${field}\r\n`), limits)
    const cards = report.findings.filter((f) => f.category === 'CREDIT_CARD')
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({
      partId: '0/header/X-MS-Exchange-Organization-Note',
      start: field.indexOf('4111'),
      end: field.length,
    })
  })

  it('looks there for self-proving data only: no names, addresses, phones or id shapes', async () => {
    const fields =
      'X-Msg-Ref: server-3.tower-21.messagelabs.com!1733312345!4010203040!1\r\n' +
      'X-MS-Exchange-Phone: +44 20 7946 0958\r\nX-Epoch: 9434765919\r\n'
    const report = await inspectContent(headed(fields), limits)
    expect(report.findings.map((f) => f.category)).not.toEqual(
      expect.arrayContaining(['UK_NHS_NUMBER']),
    )
    const fromMachine = report.findings.filter((f) =>
      /\/header\/(From|To|X-Msg-Ref|X-MS-Exchange-Phone|X-Epoch)$/.test(f.partId),
    )
    expect(fromMachine).toEqual([])
  })

  it('takes no GUID for a card: tenant, message and label ids are full of twelve-digit groups', async () => {
    const fields =
      'X-MS-Exchange-CrossTenant-id: e39fb2d0-9181-4d28-b0d5-664015138582\r\n' +
      'Message-ID: <0102018f1a2b3c4d-5e6f7a8b-9c0d-4e2f-8a4b-664015138582-000000@eu-west-1.amazonses.com>\r\n'
    const report = await inspectContent(headed(fields), limits)
    expect(report.findings.filter((f) => f.category === 'CREDIT_CARD')).toEqual([])
    // The same twelve digits alone in a field are still read.
    const bare = await inspectContent(headed('X-MS-Exchange-Note: 664015138582\r\n'), limits)
    expect(bare.findings.map((f) => f.category)).toContain('CREDIT_CARD')
  })
})

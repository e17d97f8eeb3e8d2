// The extract-area cases of shared/cases (README there): each must yield the expected values
// as text, or the expected outcome finding.
import { sharedPath } from '../../test/helpers/shared.js'
import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { parseMessage } from '../mime/index.js'

import { caseMessage } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText } from './message-for-test.js'

const digitsOf = (text: string): string => text.replace(/\D/g, '')

/** True when the card's digits appear in the text with only spaces or dashes between them. */
function hasCard(text: string, card: string): boolean {
  const pattern = digitsOf(card).split('').join('[ -]?')
  return new RegExp(pattern).test(text)
}

describe('C22 nested archives and a zip bomb', () => {
  it('stops C22a at the depth limit with an UNSCANNABLE finding', async () => {
    const result = await extractText(
      await caseMessage('C22a-nested-archives.eml'),
      defaultExtractLimits,
    )

    expect(result.findings.map((f) => [f.category, f.reason])).toEqual([
      ['UNSCANNABLE', `limit: maxDepth ${defaultExtractLimits.maxDepth} exceeded`],
    ])
  })

  it('finds the card 12 containers deep in C22a when the depth limit allows', async () => {
    const limits = { ...defaultExtractLimits, maxDepth: 16 }

    const result = await extractText(await caseMessage('C22a-nested-archives.eml'), limits)

    expect(hasCard(allText(result), '4111 1111 1111 1111')).toBe(true)
    expect(result.findings).toEqual([])
  })

  it('cuts the C22b bomb entry at the ratio limit and still reads the card after it', async () => {
    const before = process.memoryUsage().rss

    const result = await extractText(await caseMessage('C22b-zip-bomb.eml'), defaultExtractLimits)

    expect(result.findings.map((f) => [f.category, f.partId, f.reason])).toEqual([
      ['UNSCANNABLE', '2/zeros.bin', 'limit: maxRatio 100 exceeded'],
    ])
    expect(hasCard(allText(result), '5555 5555 5555 4444')).toBe(true)
    // 256 MiB of zeros must never be held: growth stays far below the expanded size.
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024)
  })
})

describe('C23 spreadsheet with hidden content', () => {
  it('reads very hidden and hidden sheets, hidden rows, formulas and exact digits', async () => {
    const text = allText(
      await extractText(await caseMessage('C23-xlsx-hidden-content.eml'), defaultExtractLimits),
    )

    expect(text).toContain('6011111111111117')
    expect(text).not.toContain('E+15')
    for (const card of ['3782 822463 10005', '4111 1111 1111 1111', '5555 5555 5555 4444']) {
      expect(hasCard(text, card), card).toBe(true)
    }
    expect(text).toContain('GB82 WEST 1234 5698 7654 32')
  })
})

describe('C25 Office content a reader does not see', () => {
  it('finds six cards and two IBANs across DOCX and PPTX parts', async () => {
    const text = allText(
      await extractText(await caseMessage('C25-office-hidden-content.eml'), defaultExtractLimits),
    )

    const cards = [
      '4111 1111 1111 1111',
      '5555 5555 5555 4444',
      '3782 822463 10005',
      '6011 1111 1111 1117',
      '3056 9309 0259 04',
      '3530 1113 3330 0000',
    ]
    for (const card of cards) expect(hasCard(text, card), card).toBe(true)
    expect(text).toContain('GB82 WEST 1234 5698 7654 32')
    expect(text).toContain('DE89 3704 0044 0532 0130 00')
  })
})

describe('C20 password-protected ZIP and PDF', () => {
  it('reports the encrypted ZIP entry as ENCRYPTED_CONTENT', async () => {
    const result = await extractText(
      await caseMessage('C20-encrypted-attachments.eml'),
      defaultExtractLimits,
    )

    const zipFinding = result.findings.find((f) => f.partId.startsWith('2/'))
    expect(zipFinding).toMatchObject({
      category: 'ENCRYPTED_CONTENT',
      reason: 'zip: encrypted entry',
    })
    expect(result.parts[1]?.status).toBe('encrypted')
  })
})

describe('C07 uuencoded file inside a text body', () => {
  it('decodes the uuencoded CSV and finds Visa and Amex', async () => {
    const result = await extractText(
      await caseMessage('C07-uuencode-in-body.eml'),
      defaultExtractLimits,
    )

    const decoded = result.texts.filter((t) => t.partId === '1/payroll export.csv')
    expect(decoded).toHaveLength(1)
    expect(hasCard(decoded[0]?.text ?? '', '4111 1111 1111 1111')).toBe(true)
    expect(hasCard(decoded[0]?.text ?? '', '3782 822463 10005')).toBe(true)
  })
})

describe('C19 base64 and hex inside text', () => {
  it('decodes the base64 dump and the hex token', async () => {
    const text = allText(
      await extractText(
        await caseMessage('C19-base64-inside-text-attachment.eml'),
        defaultExtractLimits,
      ),
    )

    expect(hasCard(text, '3530 1113 3330 0000')).toBe(true)
    expect(text).toContain('DE89 3704 0044 0532 0130 00')
    expect(text).toContain('AKIAQ3EGRT7UVWXY2Z45')
  })
})

describe('C08 Outlook TNEF winmail.dat', () => {
  it('unpacks the TNEF body and the attached cards.txt', async () => {
    const result = await extractText(
      await caseMessage('C08-tnef-winmail.eml'),
      defaultExtractLimits,
    )

    const inner = result.texts.find((t) => t.partId === '2/cards.txt')
    expect(hasCard(inner?.text ?? '', '4111 1111 1111 1111')).toBe(true)
    expect(allText(result)).toContain('GB82 WEST 1234 5698 7654 32')
    expect(result.parts[1]).toMatchObject({ method: 'tnef', status: 'inspected' })
  })
})

describe('C20 password-protected PDF', () => {
  it('reports the PDF as ENCRYPTED_CONTENT', async () => {
    const result = await extractText(
      await caseMessage('C20-encrypted-attachments.eml'),
      defaultExtractLimits,
    )

    expect(result.findings).toContainEqual(
      expect.objectContaining({
        category: 'ENCRYPTED_CONTENT',
        partId: '3',
        reason: 'pdf: password protected',
      }),
    )
    expect(result.parts[2]).toMatchObject({ status: 'encrypted', method: 'pdf' })
  })
})

describe('C09 forwarded messages attached as message/rfc822', () => {
  it('reads the CSV inside the attached message and the base64-encoded second message', async () => {
    const raw = await readFile(sharedPath('cases', 'C09-attached-eml-nested.eml'))
    const message = await parseMessage(raw, { maxDepth: 8 })

    const result = await extractText(message, defaultExtractLimits)

    const text = allText(result)
    expect(hasCard(text, '4111 1111 1111 1111')).toBe(true)
    expect(hasCard(text, '3782 822463 10005')).toBe(true)
    expect(text).toContain('GB82 WEST 1234 5698 7654 32')
    expect(result.findings).toEqual([])
  })
})

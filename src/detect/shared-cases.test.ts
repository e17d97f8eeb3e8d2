// The detect-area cases of shared/cases (C16, C18, C19): each .eml is read as bytes and its
// parts are decoded here by hand, so these tests check detection, not the MIME parser.
import { sharedPath } from '../../test/helpers/shared.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { countDistinct, detectAll, type Finding, type TextSource } from './index.js'

const CASES = sharedPath('cases')

/** Body of every leaf part of a multipart message, or of the message itself (no nesting). */
function partsOf(file: string): { headers: string; body: string }[] {
  const raw = readFileSync(join(CASES, file)).toString('latin1').replace(/\r\n/g, '\n')
  const split = (s: string): { headers: string; body: string } => {
    const blank = s.indexOf('\n\n')
    return { headers: s.slice(0, blank), body: s.slice(blank + 2) }
  }

  const top = split(raw)
  const boundary = /boundary="([^"]+)"/.exec(top.headers)?.[1]
  if (boundary === undefined) return [top]

  return top.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => split(p.replace(/^\n/, '')))
}

function decodeBody(part: { headers: string; body: string }): string {
  const isBase64 = /content-transfer-encoding:\s*base64/i.test(part.headers)
  return isBase64 ? Buffer.from(part.body, 'base64').toString('utf8') : part.body
}

function distinct(findings: readonly Finding[]): Map<string, number> {
  return countDistinct(findings)
}

describe('shared case C16: data only in the HTML part', () => {
  const [plain, html] = partsOf('C16-html-only-hidden.eml')
  const sources: TextSource[] = [
    { partId: '1', origin: 'body-text', text: decodeBody(plain ?? { headers: '', body: '' }) },
    { partId: '2', origin: 'body-html', text: decodeBody(html ?? { headers: '', body: '' }) },
  ]

  it('finds the cards in a comment, an alt attribute and a URL query, and the hidden IBAN', () => {
    const counts = distinct(detectAll(sources))

    expect(counts.get('CREDIT_CARD')).toBeGreaterThanOrEqual(3)
    expect(counts.get('IBAN')).toBeGreaterThanOrEqual(1)
  })

  it('points every HTML finding at the raw HTML where the value is written', () => {
    const text = sources[1]?.text ?? ''
    const cards = detectAll(sources).filter((f) => f.category === 'CREDIT_CARD')

    expect(cards.map((f) => text.slice(f.start, f.end).replace(/\D/g, '')).sort()).toEqual([
      '378282246310005',
      '4111111111111111',
      '5555555555554444',
    ])
  })

  it('finds nothing in the clean plain-text alternative', () => {
    expect(detectAll([sources[0] as TextSource])).toEqual([])
  })
})

describe('shared case C18: Unicode disguises', () => {
  const [message] = partsOf('C18-unicode-disguises.eml')
  const text = decodeBody(message ?? { headers: '', body: '' })
  const findings = detectAll([{ partId: '1', origin: 'body-text', text }])

  it('finds the zero-width, full-width, Arabic-Indic and combining-mark cards', () => {
    const cards = findings.filter((f) => f.category === 'CREDIT_CARD')
    const values = cards.map((f) => text.slice(f.start, f.end).normalize('NFKC'))

    expect(new Set(cards.map((f) => f.fingerprint)).size).toBeGreaterThanOrEqual(3)
    expect(values.some((v) => v.includes('\u200b'))).toBe(true)
  })

  it('finds the soft-hyphen and mathematical-digit IBANs', () => {
    expect(distinct(findings).get('IBAN')).toBe(2)
  })

  // The control line is Luhn-invalid: reporting it would mean the checksum was skipped.
  it('does not report the Luhn-invalid control number', () => {
    const spans = findings.map((f) => text.slice(f.start, f.end).replace(/\D/g, ''))

    expect(spans).not.toContain('4111111111111112')
  })
})

describe('shared case C19: base64 and hex inside text', () => {
  const [body, attachment] = partsOf('C19-base64-inside-text-attachment.eml')
  const sources: TextSource[] = [
    { partId: '1', origin: 'body-text', text: decodeBody(body ?? { headers: '', body: '' }) },
    { partId: '2', origin: 'attachment', text: attachment?.body ?? '' },
  ]
  const findings = detectAll(sources)

  it('decodes the base64 attachment text and finds the JCB card and the IBAN in it', () => {
    const inAttachment = findings.filter((f) => f.partId === '2')

    expect(inAttachment.filter((f) => f.category === 'CREDIT_CARD')).toHaveLength(1)
    expect(inAttachment.filter((f) => f.category === 'IBAN')).toHaveLength(1)
    expect(inAttachment.every((f) => f.encoding === 'base64')).toBe(true)
  })

  it('decodes the hex token in the body and finds the AWS key id', () => {
    const keys = findings.filter((f) => f.partId === '1' && f.category === 'CLOUD_ACCESS_KEY')

    expect(keys).toHaveLength(1)
    expect(keys[0]?.encoding).toBe('hex')
  })
})

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DEFAULT_PHONE_REGIONS } from '../detect/index.js'
import { formatIssues, loadConfig } from './load.js'

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mailward-config-')), 'mailward.yaml')
  writeFileSync(path, text)
  return path
}

describe('detect.phoneRegions', () => {
  it("lists the detect stage's own default regions in the embedded configuration", () => {
    const result = loadConfig(undefined)

    expect(result.ok && result.config.detect.phoneRegions).toEqual(DEFAULT_PHONE_REGIONS)
  })

  it('keeps the default regions for a file that does not set it', () => {
    const result = loadConfig(file('monitor: true\n'))

    expect(result.ok && result.config.detect.phoneRegions).toEqual(DEFAULT_PHONE_REGIONS)
  })

  it.each([
    ['upper-case codes', '[GB, IE]', ['GB', 'IE']],
    ['lower-case codes, upper-cased', '[gb, de]', ['GB', 'DE']],
    ['a region without a country of its own', '[GG]', ['GG']],
  ])('accepts %s', (_label, value, expected) => {
    const result = loadConfig(file(`detect:\n  phoneRegions: ${value}\n`))

    expect(result.ok && result.config.detect.phoneRegions).toEqual(expected)
  })

  it.each([
    ['an unknown code', '[GB, XX]', 'detect.phoneRegions.1: unknown phone region "XX"'],
    [
      'UK for GB',
      '[UK]',
      'unknown phone region "UK" (use ISO 3166 codes libphonenumber knows, the United Kingdom is GB)',
    ],
    ['a country name', '[Germany]', 'detect.phoneRegions.0: unknown phone region "Germany"'],
    ['an empty list', '[]', 'detect.phoneRegions: '],
    ['a misspelt key', null, 'detect: unknown key "phoneRegion" (did you mean "phoneRegions"?)'],
  ])('rejects %s, naming it', (_label, value, expected) => {
    const yaml =
      value === null ? 'detect:\n  phoneRegion: [GB]\n' : `detect:\n  phoneRegions: ${value}\n`

    const result = loadConfig(file(yaml))

    expect(result.ok).toBe(false)
    if (!result.ok) expect(formatIssues(result)).toContain(expected)
  })
})

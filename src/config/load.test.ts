import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatIssues, loadConfig } from './load.js'

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mailward-config-')), 'mailward.yaml')
  writeFileSync(path, text)
  return path
}

describe('loadConfig', () => {
  it('loads the embedded default configuration', () => {
    const result = loadConfig(undefined)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.config.listen).toBe('127.0.0.1:2525')
  })

  it('applies environment overrides, then flags', () => {
    const result = loadConfig(
      undefined,
      { MAILWARD__monitor: 'true', MAILWARD__nextHop__address: '10.1.1.1:25' },
      { listen: '0.0.0.0:25' },
    )
    expect(result.ok && result.config.monitor).toBe(true)
    expect(result.ok && result.config.nextHop.address).toBe('10.1.1.1:25')
    expect(result.ok && result.config.listen).toBe('0.0.0.0:25')
  })

  it('collects every problem, with a hint for a misspelt key', () => {
    const path = file(
      'listen: nowhere\nnextHop:\n  adress: 1.2.3.4:25\npolicy:\n  rules:\n    - name: x\n      categories: [NOT_A_CATEGORY]\n      action: hold\n',
    )
    const result = loadConfig(path)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const text = formatIssues(result)
    expect(text).toContain('3 problems')
    expect(text).toContain('listen: must be HOST:PORT')
    expect(text).toContain('nextHop: unknown key "adress" (did you mean "address"?)')
    expect(text).toContain('policy.rules.0.categories.0: unknown category id')
  })

  it('names a file that is not YAML', () => {
    const result = loadConfig(file('listen: [unclosed\n'))
    expect(!result.ok && formatIssues(result)).toContain('(file): is not valid YAML')
  })

  it('names a file that cannot be read', () => {
    const result = loadConfig('/nonexistent/mailward.yaml')
    expect(!result.ok && formatIssues(result)).toContain('cannot read the file (ENOENT)')
  })

  it('returns a frozen configuration', () => {
    const result = loadConfig(undefined)
    expect(result.ok && Object.isFrozen(result.config.nextHop)).toBe(true)
  })
})

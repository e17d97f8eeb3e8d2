import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatIssues, loadConfig } from './load.js'
import { configWarnings } from './warnings.js'

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
    expect(text).toContain('policy.rules.0.categories.0: unknown category id "NOT_A_CATEGORY"')
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

  it('lays a file over the embedded defaults: a file without policy keeps the default rules', () => {
    // A few keys in a file of one's own must not switch the data-loss rules off.
    const result = loadConfig(
      file('listen: 127.0.0.1:2625\nnotices:\n  securityContact: s@example.com\n'),
    )
    const defaults = loadConfig(undefined)
    expect(result.ok && defaults.ok).toBe(true)
    if (!result.ok || !defaults.ok) return
    expect(result.config.listen).toBe('127.0.0.1:2625')
    expect(result.config.notices.securityContact).toBe('s@example.com')
    expect(result.config.notices.from).toBe(defaults.config.notices.from)
    expect(result.config.policy.rules.map((r) => r.name)).toEqual(
      defaults.config.policy.rules.map((r) => r.name),
    )
  })

  it('replaces lists: rules given in the file are the only rules', () => {
    const result = loadConfig(
      file(
        'policy:\n  rules:\n    - name: cards\n      categories: [CREDIT_CARD]\n      action: hold\n',
      ),
    )
    expect(result.ok && result.config.policy.rules.map((r) => r.name)).toEqual(['cards'])
  })

  it('names the environment variable or flag a bad value came from', () => {
    const result = loadConfig(
      undefined,
      { MAILWARD__limits__maxRecipients: 'abc' },
      { nextHop: 'nowhere' },
    )
    const text = !result.ok && formatIssues(result)
    expect(text).toContain('limits.maxRecipients (set by MAILWARD__limits__maxRecipients):')
    expect(text).toContain('nextHop.address (set by --next-hop): must be HOST:PORT')
  })

  it('names the environment variable behind an unknown key', () => {
    const result = loadConfig(undefined, { MAILWARD__nextHop__adress: 'x' })
    expect(!result.ok && formatIssues(result)).toContain(
      'nextHop (set by MAILWARD__nextHop__adress): unknown key "adress" (did you mean "address"?)',
    )
  })

  it.each([
    [
      'a certificate file that does not exist',
      'tls:\n  cert: /nonexistent/c.pem\n  key: /nonexistent/k.pem\n',
      'tls.cert: cannot read /nonexistent/c.pem (ENOENT)',
    ],
    [
      'two rules with one name',
      'policy:\n  rules:\n    - { name: a, categories: [IBAN], action: hold }\n    - { name: a, categories: [IBAN], action: notify }\n',
      'policy.rules.1.name: another rule is already named "a"',
    ],
    [
      'an internal domain that is not a domain',
      'internalDomains: ["not a domain"]\n',
      'internalDomains.0: must be a domain name',
    ],
    [
      'a next hop on port 0',
      'nextHop:\n  address: 127.0.0.1:0\n',
      'nextHop.address: port 0 is not a port',
    ],
    ['a port past 65535', 'listen: 127.0.0.1:70000\n', 'listen: port must be at most 65535'],
    [
      'a per-source connection limit of 0',
      'limits:\n  maxConnectionsPerSource: 0\n',
      'limits.maxConnectionsPerSource: Too small: expected number to be >=1',
    ],
    [
      'a per-source connection limit that is not a whole number',
      'limits:\n  maxConnectionsPerSource: 2.5\n',
      'limits.maxConnectionsPerSource: Invalid input: expected int, received number',
    ],
  ])('refuses %s', (_label, text, expected) => {
    const result = loadConfig(file(text))
    expect(!result.ok && formatIssues(result)).toContain(expected)
  })

  it.each([
    ['no rules and no risk levels', 'policy:\n  risk: { justify: ~ }\n  rules: []\n', 'no-policy'],
    ['no rules but risk levels', 'policy:\n  rules: []\n', 'no-rules'],
    ['monitor mode', 'monitor: true\n', 'monitor-mode'],
    ['justify without notices', 'notices:\n  enabled: false\n', 'justify-without-notices'],
    [
      'a per-source limit that is no limit',
      'limits:\n  maxConnections: 20\n  maxConnectionsPerSource: 20\n',
      'per-source-limit-ineffective',
    ],
    [
      'a receiving budget smaller than one message',
      'limits:\n  maxReceivingMiB: 200\n',
      'receiving-budget-below-message-size',
    ],
  ])('warns about %s', (_label, text, code) => {
    const result = loadConfig(file(text))
    expect(result.ok && configWarnings(result.config).map((w) => w.code)).toContain(code)
  })

  it('has no warnings for the embedded defaults', () => {
    const result = loadConfig(undefined)
    expect(result.ok && configWarnings(result.config)).toEqual([])
  })
})

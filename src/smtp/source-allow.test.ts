import { describe, expect, it } from 'vitest'
import { allowSources, checkCidrs } from './source-allow.js'

describe('allowSources', () => {
  const allowed = allowSources(['127.0.0.0/8', '40.107.0.0/16', '2a01:111:f400::/48'])

  it.each([
    ['loopback', '127.0.0.1', true],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', true],
    ['an Exchange Online address', '40.107.12.5', true],
    ['an Exchange Online IPv6 address', '2a01:111:f400:7e00::1', true],
    ['an address outside every range', '40.108.0.1', false],
    ['IPv6 loopback when only IPv4 loopback is listed', '::1', false],
    ['not an address', 'localhost', false],
  ])('%s (%s) → %s', (_label, address, expected) => {
    expect(allowed(address)).toBe(expected)
  })
})

describe('checkCidrs', () => {
  it('names each malformed range by its index', () => {
    expect(checkCidrs(['10.0.0.0/8', '10.0.0.0/33', 'nonsense'])).toEqual([
      'sources.1: "10.0.0.0/33" is not a CIDR range such as 10.0.0.0/8 or ::1/128',
      'sources.2: "nonsense" is not a CIDR range such as 10.0.0.0/8 or ::1/128',
    ])
  })
})

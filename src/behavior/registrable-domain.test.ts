import { describe, expect, it } from 'vitest'
import { registrableDomain } from './registrable-domain.js'

describe('registrableDomain', () => {
  it.each([
    ['a subdomain of a .com', 'mail.partner.com', 'partner.com'],
    ['a university department', 'cse.ucsc.edu', 'ucsc.edu'],
    ['a country second level', 'mail.partner.co.uk', 'partner.co.uk'],
    ['a private suffix keeps its sites apart', 'alice.github.io', 'alice.github.io'],
    ['a city suffix under .us', 'www.ci.portland.or.us', 'portland.or.us'],
    ['punycode stays as given', 'mail.xn--80ak6aa92e.com', 'xn--80ak6aa92e.com'],
    ['a bare host is its own', 'localhost', 'localhost'],
    ['an IP literal is its own', '192.0.2.1', '192.0.2.1'],
  ])('%s', (_label, domain, expected) => {
    expect(registrableDomain(domain)).toBe(expected)
  })
})

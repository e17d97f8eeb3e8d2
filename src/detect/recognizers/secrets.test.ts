import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { detectAll } from '../detect-all.js'
import { spansFor } from '../spans-for-test.js'
import { randomTexts } from '../random-text-for-test.js'
import { scanInputOf } from '../scan-input-for-test.js'
import { hasTokenChecksum, hasTokenPrefix, TOKEN_PREFIXES } from './api-token.js'

// Every value below is made up: random characters in the vendor's format. The GitHub and npm
// tokens carry a CRC32 suffix computed outside this code base (Python binascii.crc32).
const PEM_BODY = 'MIIEowIBAAKCAQEA'.padEnd(64 * 3, 'q1W2e3R4t5Y6')
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`
const OPENSSH_BODY =
  'b3BlbnNzaC1rZXktdjEA+gUJMSc6A69IUrlaPp5/Gn+7lR/agp9AtzKzh+BvBWCiadOHnSiJNN2hiKM3hzfZipyW2yI76r2gz1jnLlCaUOTsMTfH'
const OPENSSH = `-----BEGIN OPENSSH PRIVATE KEY-----\n${OPENSSH_BODY}\n-----END OPENSSH PRIVATE KEY-----`
const PGP_BODY =
  'BgnDjZ2D55F7JTAvHTQs1yj9SO2sGJQPIvOudhPDGFNkd22DWm41mV8DorMK2DMuaHRcvV5n6zGaKhiDygNS5BXN17Tg3Oih8GeRmTCBlftXzsNCR'
const PGP = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PGP_BODY}\n-----END PGP PRIVATE KEY BLOCK-----`
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const GITHUB = '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'
const NPM = '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'
const GITHUB_FINE =
  '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'
const AZURE_ACCOUNT_KEY =
  'y5yq1XoY1BaIMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlU=='
const AZURE_SAK = 'r5Qrec8TNecj9iNOrjj5VfqRTk8j1d/bWWbjkloG1QX='
const SAS_SIG = '7VSLDCD1IfHWGbtMfEbo9ShFXNQ6Fq5axtjRNmHk%2BW5vQ7CF5%3D'
const SAS_URL = `https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&ss=b&sp=r&se=2030-01-01T00:00:00Z&sig=${SAS_SIG}`
const SLACK_HOOK = 'https://hooks.slack.com/services/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'
const DISCORD_HOOK =
  'https://discord.com/api/webhooks/123456789012345678/aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9dE1fG3hI5jK7lM9nO1pQ3rS5tU7v'

describe('secrets', () => {
  it.each<[string, Category, string, string]>([
    ['PEM private key', 'PRIVATE_KEY', `key:\n${PEM}\nbye`, PEM],
    ['OpenSSH private key', 'PRIVATE_KEY', OPENSSH, OPENSSH],
    ['PGP private key block', 'PRIVATE_KEY', PGP, PGP],
    [
      'PuTTY key file',
      'PRIVATE_KEY',
      'PuTTY-User-Key-File-3: ssh-ed25519',
      'PuTTY-User-Key-File-3: ssh-ed25519',
    ],
    ['AWS key id', 'CLOUD_ACCESS_KEY', 'id AKIAQ3EGRT7UVWXY2Z45 ok', 'AKIAQ3EGRT7UVWXY2Z45'],
    [
      'AWS secret key in a config file',
      'CLOUD_ACCESS_KEY',
      'aws_secret_access_key = 575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0kGODK',
      '575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0kGODK',
    ],
    [
      'Google API key',
      'CLOUD_ACCESS_KEY',
      'key=AIzadinZnLXicaBAg8WY1jzIRlNQb0prFmbh7_w',
      'AIzadinZnLXicaBAg8WY1jzIRlNQb0prFmbh7_w',
    ],
    [
      'Azure storage connection string',
      'CLOUD_ACCESS_KEY',
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${AZURE_ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
      AZURE_ACCOUNT_KEY,
    ],
    [
      'Azure Service Bus connection string',
      'CLOUD_ACCESS_KEY',
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${AZURE_SAK}`,
      AZURE_SAK,
    ],
    ['Azure SAS URL signature', 'CLOUD_ACCESS_KEY', SAS_URL, SAS_SIG],
    [
      'Entra ID client secret',
      'CLOUD_ACCESS_KEY',
      'client secret: puz8Q~Gz3zBXCOArr~SfiJvo58JB0W~O5PjeJfJT',
      'puz8Q~Gz3zBXCOArr~SfiJvo58JB0W~O5PjeJfJT',
    ],
    ['GitHub classic token', 'API_TOKEN', `GH_TOKEN=${GITHUB}`, GITHUB],
    ['GitHub fine-grained token', 'API_TOKEN', GITHUB_FINE, GITHUB_FINE],
    ['GitLab token', 'API_TOKEN', 'glpat-R7PAmpBFXlNPHcSke4R1', 'glpat-R7PAmpBFXlNPHcSke4R1'],
    [
      'GitLab routable token',
      'API_TOKEN',
      'glpat-J_dBi2ewQr8t4-lC4LvGNWAMsI-z0oaWdfZp.015fke830',
      'glpat-J_dBi2ewQr8t4-lC4LvGNWAMsI-z0oaWdfZp.015fke830',
    ],
    [
      'Slack bot token',
      'API_TOKEN',
      'xoxb-123456789012-abcdefABCDEF',
      'xoxb-123456789012-abcdefABCDEF',
    ],
    [
      'Stripe live secret key',
      'API_TOKEN',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    ],
    [
      'Stripe live restricted key',
      'API_TOKEN',
      'rk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'rk_live_4eC39HqLyjWDarjtT1zdp7dc',
    ],
    ['npm token', 'API_TOKEN', `//registry.npmjs.org/:_authToken=${NPM}`, NPM],
    ['JWT', 'JWT', `Bearer ${JWT}`, JWT],
    ['password line', 'PASSWORD_IN_TEXT', 'password: Summer2024!', 'Summer2024!'],
    ['password in prose', 'PASSWORD_IN_TEXT', 'the password is Otter-7-Lantern', 'Otter-7-Lantern'],
    ['URL credentials', 'PASSWORD_IN_TEXT', 'postgres://app:s3cr3tPw@db.example.com/x', 's3cr3tPw'],
    [
      'connection string password',
      'PASSWORD_IN_TEXT',
      'Server=db1;Database=crm;User Id=app;Password=Tr0ub4dor&3;',
      'Tr0ub4dor&3',
    ],
    [
      'Basic auth header',
      'PASSWORD_IN_TEXT',
      'Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l',
      'YWxhZGRpbjpvcGVuc2VzYW1l',
    ],
    ['curl -u', 'PASSWORD_IN_TEXT', 'curl -u admin:Hunter2x https://api.example.com', 'Hunter2x'],
    [
      'high-entropy value after a secret key',
      'GENERIC_SECRET',
      'client_secret: "pEFivB50756EHugmANb7qiSX"',
      'pEFivB50756EHugmANb7qiSX',
    ],
    ['Slack incoming webhook', 'WEBHOOK_URL', `post to ${SLACK_HOOK}`, SLACK_HOOK],
    ['Discord webhook', 'WEBHOOK_URL', DISCORD_HOOK, DISCORD_HOOK],
  ])('finds %s', (_label, category, text, expected) => {
    expect(spansFor(text, category)).toEqual([expected])
  })

  it.each<[string, Category, string]>([
    [
      'public key',
      'PRIVATE_KEY',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
    ],
    [
      'certificate',
      'PRIVATE_KEY',
      `-----BEGIN CERTIFICATE-----\n${PEM_BODY}\n-----END CERTIFICATE-----`,
    ],
    [
      'documentation key block',
      'PRIVATE_KEY',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
    ],
    ['AWS documentation example', 'CLOUD_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS placeholder', 'CLOUD_ACCESS_KEY', 'AKIAXXXXXXXXXXXXXXXX'],
    [
      'AWS documentation secret key',
      'CLOUD_ACCESS_KEY',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    [
      'Google key one character short',
      'CLOUD_ACCESS_KEY',
      'AIzadinZnLXicaBAg8WY1jzIRlNQb0prFmbh7_',
    ],
    [
      'SAS URL without a signature',
      'CLOUD_ACCESS_KEY',
      'https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r',
    ],
    ['Stripe test key', 'API_TOKEN', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['Stripe publishable key', 'API_TOKEN', 'pk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['GitHub token one character short', 'API_TOKEN', GITHUB.slice(0, -1)],
    ['token prefix glued to a word', 'API_TOKEN', `my${GITHUB}`],
    ['header that is not JSON', 'JWT', 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.abc'],
    [
      'JSON header without alg',
      'JWT',
      'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P',
    ],
    ['password reset notice', 'PASSWORD_IN_TEXT', 'Your password is expired, please change it'],
    ['masked password', 'PASSWORD_IN_TEXT', 'password: ********'],
    ['template placeholder', 'PASSWORD_IN_TEXT', 'password=<password>'],
    ['prose after "password is"', 'PASSWORD_IN_TEXT', 'the password is ready'],
    ['UUID after token', 'GENERIC_SECRET', 'token: 123e4567-e89b-12d3-a456-426614174000'],
    ['SHA-1 after token', 'GENERIC_SECRET', 'token: da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['low-entropy filler', 'GENERIC_SECRET', 'secret = aaaaaaaaaaaa11111111'],
    ['high-entropy string without a key', 'GENERIC_SECRET', 'ref pEFivB50756EHugmANb7qiSX'],
    ['Slack webhook host alone', 'WEBHOOK_URL', 'see https://hooks.slack.com/ for details'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })

  it('checks the CRC32 suffix of GitHub and npm tokens, prefix excluded', () => {
    expect(hasTokenChecksum(GITHUB)).toBe(true)
    expect(hasTokenChecksum(NPM)).toBe(true)
    expect(hasTokenChecksum('ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false)
  })

  it('is less sure of a GitHub token whose checksum fails', () => {
    const confidenceOf = (text: string): number | undefined =>
      detectAll([{ partId: '1', origin: 'body-text', text }]).find(
        (f) => f.category === 'API_TOKEN',
      )?.confidence
    const mistyped = `${GITHUB.slice(0, 10)}X${GITHUB.slice(11)}`

    expect(confidenceOf(GITHUB)).toBe(0.95)
    expect(confidenceOf(mistyped)).toBe(0.5)
  })

  it('masks a secret down to its length', () => {
    const [finding] = detectAll([{ partId: '1', origin: 'body-text', text: GITHUB }])

    expect(finding?.masked).toBe(`**** (${GITHUB.length} chars)`)
  })
})

describe('hasTokenPrefix', () => {
  // Random text of the prefixes' characters in both cases: the hint pass and the search for
  // "SK" must let through every text the prefix pattern matches, and then say what it says.
  it('says what the prefix pattern says', () => {
    let held = 0
    for (const text of randomTexts('ghpousrtilabdxkvenmy_-.SGKHPOX  ', 11, 2000, 60)) {
      const input = scanInputOf(text)
      const expected = TOKEN_PREFIXES.test(text)
      if (expected) held++
      expect(hasTokenPrefix(input)).toBe(expected)
    }
    expect(held).toBeGreaterThan(100)
  })
})

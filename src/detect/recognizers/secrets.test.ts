import { describe, expect, it } from 'vitest'

import type { Category } from '../categories.js'
import { spansFor } from '../spans-for-test.js'
import { hasGithubChecksum } from './api-token.js'

const PEM_BODY = 'MIIEowIBAAKCAQEA'.padEnd(64 * 3, 'q1W2e3R4t5Y6')
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

describe('secrets', () => {
  it.each<[string, Category, string, string]>([
    ['PEM private key', 'PRIVATE_KEY', `key:\n${PEM}\nbye`, PEM],
    ['AWS key id', 'CLOUD_ACCESS_KEY', 'id AKIAQ3EGRT7UVWXY2Z45 ok', 'AKIAQ3EGRT7UVWXY2Z45'],
    [
      'Stripe live key',
      'API_TOKEN',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    ],
    [
      'Slack bot token',
      'API_TOKEN',
      'xoxb-123456789012-abcdefABCDEF',
      'xoxb-123456789012-abcdefABCDEF',
    ],
    ['JWT', 'JWT', `Bearer ${JWT}`, JWT],
    ['password line', 'PASSWORD_IN_TEXT', 'password: Summer2024!', 'Summer2024!'],
    ['URL credentials', 'PASSWORD_IN_TEXT', 'postgres://app:s3cr3tPw@db.example.com/x', 's3cr3tPw'],
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
      'documentation key block',
      'PRIVATE_KEY',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
    ],
    ['AWS documentation example', 'CLOUD_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS placeholder', 'CLOUD_ACCESS_KEY', 'AKIAXXXXXXXXXXXXXXXX'],
    ['Stripe test key', 'API_TOKEN', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['Stripe publishable key', 'API_TOKEN', 'pk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['header that is not JSON', 'JWT', 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.abc'],
    ['password reset notice', 'PASSWORD_IN_TEXT', 'Your password is expired, please change it'],
    ['masked password', 'PASSWORD_IN_TEXT', 'password: ********'],
    ['template placeholder', 'PASSWORD_IN_TEXT', 'password=<password>'],
  ])('ignores %s', (_label, category, text) => {
    expect(spansFor(text, category)).toEqual([])
  })

  it('checks the CRC32 suffix of GitHub tokens', () => {
    expect(hasGithubChecksum('ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false)
  })
})

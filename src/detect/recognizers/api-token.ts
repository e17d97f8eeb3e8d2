// API_TOKEN: vendor-prefixed tokens (gitleaks rule families). Test and publishable keys
// (Stripe sk_test_/pk_live_) are not secrets and have no rule here.
import { crc32 } from 'node:zlib'

import {
  hintWords,
  mentionsAny,
  type Candidate,
  type Recognizer,
  type ScanInput,
} from '../recognizer.js'

interface TokenRule {
  readonly vendor: string
  /** Global regex; starts with a literal prefix so the engine skips ahead quickly. */
  readonly pattern: RegExp
  readonly confidence: number
  readonly check?: (token: string) => boolean
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * GitHub's token format (2021), also npm's: a 4-character prefix (ghp_, npm_, …), 30 random
 * base62 characters, then the CRC32 of those 30 in base62, 6 characters, zero-padded. The
 * prefix is not part of the checksum. A token that fails this was mistyped or made up.
 */
export function hasTokenChecksum(token: string): boolean {
  const random = token.slice(4, -6)
  let crc = crc32(random)
  let encoded = ''

  for (let i = 0; i < 6; i++) {
    encoded = BASE62.charAt(crc % 62) + encoded
    crc = Math.floor(crc / 62)
  }

  return encoded === token.slice(-6)
}

const END = '(?![A-Za-z0-9_-])'

const RULES: readonly TokenRule[] = [
  {
    vendor: 'github',
    pattern: new RegExp(`gh[pousr]_[A-Za-z0-9]{36}${END}`, 'g'),
    confidence: 0.95,
    check: hasTokenChecksum,
  },
  {
    vendor: 'github-fine-grained',
    pattern: new RegExp(`github_pat_[A-Za-z0-9_]{82}${END}`, 'g'),
    confidence: 0.95,
  },
  // Personal, deploy, runner and pipeline-trigger tokens; since GitLab 17 personal tokens may
  // be "routable": a longer payload, a dot, then version and checksum characters (the shape
  // of gitleaks' gitlab-pat-routable rule).
  {
    vendor: 'gitlab',
    pattern: new RegExp(`gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20}${END}`, 'g'),
    confidence: 0.9,
  },
  {
    vendor: 'gitlab-routable',
    pattern: new RegExp(`glpat-[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}${END}`, 'g'),
    confidence: 0.9,
  },
  {
    vendor: 'slack',
    pattern: new RegExp(`xox[baprse]-[A-Za-z0-9-]{10,250}${END}`, 'g'),
    confidence: 0.9,
  },
  {
    vendor: 'stripe',
    pattern: new RegExp(`[rs]k_live_[A-Za-z0-9]{20,247}${END}`, 'g'),
    confidence: 0.95,
  },
  {
    vendor: 'npm',
    pattern: new RegExp(`npm_[A-Za-z0-9]{36}${END}`, 'g'),
    confidence: 0.9,
    check: hasTokenChecksum,
  },
  {
    vendor: 'pypi',
    pattern: new RegExp(`pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}${END}`, 'g'),
    confidence: 0.95,
  },
  {
    vendor: 'anthropic',
    pattern: new RegExp(`sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,120}${END}`, 'g'),
    confidence: 0.95,
  },
  {
    vendor: 'openai',
    pattern: new RegExp(
      `sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}${END}`,
      'g',
    ),
    confidence: 0.95,
  },
  {
    vendor: 'sendgrid',
    pattern: new RegExp(`SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${END}`, 'g'),
    confidence: 0.95,
  },
  {
    vendor: 'shopify',
    pattern: new RegExp(`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${END}`, 'g'),
    confidence: 0.9,
  },
  { vendor: 'twilio', pattern: new RegExp(`SK[0-9a-f]{32}${END}`, 'g'), confidence: 0.6 },
  { vendor: 'mailgun', pattern: new RegExp(`key-[0-9a-f]{32}${END}`, 'g'), confidence: 0.6 },
  {
    vendor: 'digitalocean',
    pattern: new RegExp(`do[opr]_v1_[a-f0-9]{64}${END}`, 'g'),
    confidence: 0.9,
  },
  {
    vendor: 'hashicorp',
    pattern: new RegExp(`hvs\\.[A-Za-z0-9_-]{90,120}${END}`, 'g'),
    confidence: 0.9,
  },
]

export const TOKEN_PREFIXES =
  /gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt)-|xox|k_live_|npm_|pypi-|sk-|SG\.|shp|SK|key-|do[opr]_|hvs\./

// The prefixes but "SK", in lower case, for the shared hint pass: a text holds a prefix only
// if it holds one of these or "SK". Most texts hold none, and the two tests cost far less
// than TOKEN_PREFIXES over the whole text (31 ms of the corpus pass; the hint pass 4 ms more).
const PREFIX_HINTS = hintWords([
  ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'glpat-', 'gldt-', 'glrt-'],
  ...['glptt-', 'xox', 'k_live_', 'npm_', 'pypi-', 'sk-', 'sg.', 'shp', 'key-', 'doo_'],
  ...['dop_', 'dor_', 'hvs.'],
])

/** True when the scan text holds a vendor prefix; the hints first rule most texts out. */
export function hasTokenPrefix(input: ScanInput): boolean {
  const mayHold = mentionsAny(input, PREFIX_HINTS) || input.text.includes('SK')
  return mayHold && TOKEN_PREFIXES.test(input.text)
}

export const apiToken: Recognizer = {
  name: 'api-token',
  category: 'API_TOKEN',
  find(input) {
    const found: Candidate[] = []
    if (!hasTokenPrefix(input)) return found

    for (const rule of RULES) {
      rule.pattern.lastIndex = 0

      for (let m = rule.pattern.exec(input.text); m !== null; m = rule.pattern.exec(input.text)) {
        const before = input.text.charAt(m.index - 1)
        if (/[A-Za-z0-9_]/.test(before)) continue

        const isChecked = rule.check === undefined || rule.check(m[0])
        const confidence = isChecked ? rule.confidence : 0.5
        const evidence = rule.check !== undefined && isChecked ? 'checksum' : 'structure'
        found.push({
          start: m.index,
          end: m.index + m[0].length,
          value: m[0],
          confidence,
          evidence,
        })
      }
    }

    return found
  },
}

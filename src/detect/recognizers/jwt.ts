// JWT: JSON Web Tokens (RFC 7519): three base64url segments; the header must decode to a
// JSON object with an "alg" member. An unsigned token ("alg":"none") still carries claims.
import { definePattern } from '../define-pattern.js'

// "eyJ" is base64url of '{"'; segment lengths are capped so a long run stays linear.
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}\.eyJ[A-Za-z0-9_-]{5,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])/g

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    // Not JSON: the text only looks like a token, so it is not reported.
    return undefined
  }
}

export const jwt = definePattern({
  name: 'jwt',
  category: 'JWT',
  pattern: JWT,
  scope: 'all',
  evidence: 'structure',
  quickCheck: (input) => input.text.includes('eyJ'),
  validate(match) {
    const [header, payload] = match[0].split('.')
    const decoded = decodeJson(header ?? '')
    if (typeof decoded !== 'object' || decoded === null || !('alg' in decoded)) return undefined
    if (typeof decodeJson(payload ?? '') !== 'object') return undefined

    return { confidence: 0.9, value: match[0] }
  },
})

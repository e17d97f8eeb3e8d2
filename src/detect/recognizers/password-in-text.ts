// PASSWORD_IN_TEXT: "password: …" lines, credentials in URLs and connection strings, Basic
// auth headers and curl -u. Placeholders and password-reset wording are not passwords.
import { hintWords, mentionsAny, type Candidate, type Recognizer } from '../recognizer.js'

const KEYWORDS =
  'password|passwd|passwort|kennwort|passcode|pwd|pw|mot de passe|contraseña|senha|wachtwoord|lösenord|hasło|app password'

// keyword, optional closing quote of a JSON key, a separator ("is" for prose), the value.
const KEYWORD_VALUE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:${KEYWORDS})["']?\\s{0,3}(:|=|\\bis\\b|\\bist\\b|\\best\\b|\\bes\\b)\\s{0,3}["'\`]?([^\\s"'\`<>;,]{4,64})`,
  'giu',
)
// URL userinfo (RFC 3986 §3.2.1), read from just after "://"; the scheme is checked apart.
const USERINFO = /([^\s:@/]{1,64}):([^\s:@/]{1,128})@[A-Za-z0-9.-]{1,253}/y
const SCHEME_BEFORE = /(?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}$/
const BASIC_AUTH = /\bAuthorization:\s{0,4}Basic\s{1,4}([A-Za-z0-9+/]{4,400}={0,2})/gi
const CURL_USER =
  /\bcurl\b[^\n]{0,200}?\s(?:-u|--user)\s{1,4}['"]?([^\s:'"]{1,64}):([^\s'"]{1,128})/g

// Literal words each pattern needs, looked up in the lower-cased text before it runs.
const KEYWORD_HINTS = hintWords([
  'pass',
  'pwd',
  'pw',
  'kennwort',
  'contrase',
  'senha',
  'wachtwoord',
  'lösenord',
  'hasło',
])
const BASIC_HINT = hintWords(['basic'])
const CURL_HINT = hintWords(['curl'])

// Values that fill a password slot in templates and notifications.
const PLACEHOLDER =
  /^(?:\*+|x+|\.+|•+|<.*>|\[.*\]|\{.*\}|\$\{?.*|%.*%|\?+|-+|_+|null|none|n\/a|redacted|hidden|changeme|password|passwort|secret|example|yourpassword|your_password|mypassword|placeholder)$/i

// Words that follow "password is/:" in notifications, not in a shared credential.
const NOTICE_WORDS = new Set([
  'reset',
  'expired',
  'expiring',
  'expires',
  'required',
  'incorrect',
  'invalid',
  'changed',
  'updated',
  'protected',
  'sent',
  'below',
  'above',
  'policy',
  'strength',
  'manager',
  'hint',
  'same',
  'not',
  'too',
  'case',
  'empty',
  'wrong',
  'weak',
  'strong',
  'missing',
  'correct',
  'needed',
  'optional',
  'unchanged',
  'different',
  'valid',
  'set',
  'the',
  'your',
  'used',
  'stored',
  'saved',
  'encrypted',
])

function isPlausiblePassword(value: string): boolean {
  return !PLACEHOLDER.test(value) && !NOTICE_WORDS.has(value.toLowerCase())
}

// A value of letters only after "is" reads as prose ("the password is ready").
function keywordConfidence(separator: string, value: string): number | undefined {
  const hasVariety =
    /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || /[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value)
  const isProse = /^[a-z]/i.test(separator)
  if (isProse && !hasVariety) return undefined
  return hasVariety ? 0.85 : 0.55
}

// A value in a password slot (a labelled field, URL userinfo, a decoded Basic header) rests
// on the structure and the keyword around it, not on the value's own shape.
function push(found: Candidate[], start: number, value: string, confidence: number): void {
  found.push({
    start,
    end: start + value.length,
    value,
    confidence,
    evidence: 'structure',
    hasContext: true,
  })
}

function findKeywordValues(text: string, found: Candidate[]): void {
  for (const m of text.matchAll(KEYWORD_VALUE)) {
    const value = m[2] ?? ''
    const confidence = keywordConfidence(m[1] ?? '', value)
    if (confidence === undefined || !isPlausiblePassword(value)) continue
    push(found, m.index + m[0].length - value.length, value, confidence)
  }
}

// Each "://" is a possible URL; userinfo is read after it, the scheme before it.
function findUrlCredentials(text: string, found: Candidate[]): void {
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    if (!SCHEME_BEFORE.test(text.slice(Math.max(0, at - 22), at))) continue

    USERINFO.lastIndex = at + 3
    const m = USERINFO.exec(text)
    const password = m?.[2]
    if (m === null || password === undefined || !isPlausiblePassword(password)) continue

    push(found, at + 3 + (m[1] ?? '').length + 1, password, 0.9)
  }
}

function findBasicAuth(text: string, found: Candidate[]): void {
  for (const m of text.matchAll(BASIC_AUTH)) {
    const token = m[1] ?? ''
    const decoded = Buffer.from(token, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 1 || colon === decoded.length - 1) continue
    push(found, m.index + m[0].length - token.length, token, 0.9)
  }
}

function findCurlUsers(text: string, found: Candidate[]): void {
  for (const m of text.matchAll(CURL_USER)) {
    const password = m[2] ?? ''
    if (!isPlausiblePassword(password)) continue
    push(found, m.index + m[0].length - password.length, password, 0.85)
  }
}

export const passwordInText: Recognizer = {
  name: 'password-in-text',
  category: 'PASSWORD_IN_TEXT',
  find(input) {
    const found: Candidate[] = []
    const text = input.text

    if (mentionsAny(input, KEYWORD_HINTS)) findKeywordValues(text, found)
    if (text.includes('://') && text.includes('@')) findUrlCredentials(text, found)
    if (mentionsAny(input, BASIC_HINT)) findBasicAuth(text, found)
    if (mentionsAny(input, CURL_HINT)) findCurlUsers(text, found)

    return found
  },
}

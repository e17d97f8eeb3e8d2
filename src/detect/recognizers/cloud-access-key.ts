// CLOUD_ACCESS_KEY: AWS access key ids (and secret keys next to them), Google API keys and
// service-account JSON, Azure storage and Service Bus connection strings, SAS signatures and
// Entra ID (Azure AD) client secrets.
import {
  hintWords,
  mentionsAny,
  type Candidate,
  type Recognizer,
  type ScanInput,
} from '../recognizer.js'

// AWS unique-id prefixes for access keys (AKIA long-term, ASIA temporary) and other key-like
// ids; the 16 characters after the prefix are base32 (A-Z, 2-7).
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g
// aws_secret_access_key = <40 chars>, in config files, env exports and JSON.
const AWS_SECRET =
  /(?<![A-Za-z0-9])aws_?secret_?(?:access_?)?key["']?\s{0,4}[:=]\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi
const GCP_API_KEY = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g
const GCP_SERVICE_ACCOUNT = /"type"\s{0,4}:\s{0,4}"service_account"/g
// Storage account keys are 64 random bytes in base64; Service Bus, Event Hubs and IoT Hub
// shared access keys are 32 bytes. Connection-string keywords are read without regard to
// case by the Azure SDKs ("accountkey=" works), so they are matched so; the key is base64,
// whose case is its value.
const AZURE_ACCOUNT_KEY = /(?<![A-Za-z0-9])AccountKey=([A-Za-z0-9+/]{86}==)/gi
const AZURE_SHARED_ACCESS_KEY = /(?<![A-Za-z0-9])SharedAccessKey=([A-Za-z0-9+/]{43}=)/gi
// A SAS URL or token: signed version (sv=YYYY-MM-DD), then the HMAC signature (sig=, base64,
// usually percent-encoded) in the same query string.
const AZURE_SAS =
  /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,600}?[?&]sig=((?:[A-Za-z0-9+/]|%2[BbFf]){40,100}(?:=|%3[Dd]){0,2})/g
// Entra ID client secrets since 2021: 3 characters, a digit, "Q~", then 31 to 34 more
// (the gitleaks azure-ad-client-secret shape).
const AZURE_CLIENT_SECRET =
  /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g

const ACCOUNT_KEY_HINT = hintWords(['accountkey='])
const SHARED_KEY_HINT = hintWords(['sharedaccesskey='])

/** True for the placeholder ids printed in AWS documentation (…EXAMPLE). */
function isDocumentationKey(id: string): boolean {
  return id.endsWith('EXAMPLE')
}

// Real key ids are random base32: a run of one character over a third of the id is a
// placeholder ("AKIAXXXXXXXXXXXXXXXX").
function looksRandom(body: string): boolean {
  const counts = new Map<string, number>()
  for (const ch of body) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  return Math.max(...counts.values()) <= body.length / 3
}

function scan(pattern: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) onMatch(m)
}

/** Records the key in capture group 1 (or the whole match) of `m`. */
function push(found: Candidate[], m: RegExpExecArray, confidence: number, value?: string): void {
  const key = m[1] ?? m[0]
  const start = m.index + m[0].length - key.length
  const end = start + key.length
  found.push({ start, end, value: value ?? key, confidence, evidence: 'structure' })
}

function findAws(text: string, found: Candidate[]): void {
  scan(AWS_KEY_ID, text, (m) => {
    if (isDocumentationKey(m[0]) || !looksRandom(m[0].slice(4))) return
    push(found, m, 0.9)
  })

  scan(AWS_SECRET, text, (m) => {
    const secret = m[1] ?? ''
    if (secret.endsWith('EXAMPLEKEY') || !looksRandom(secret)) return
    push(found, m, 0.95)
  })
}

function findGcp(text: string, found: Candidate[]): void {
  if (text.includes('AIza')) scan(GCP_API_KEY, text, (m) => push(found, m, 0.9))

  if (!text.includes('service_account') || !text.includes('private_key')) return

  const keyId = /"private_key_id"\s{0,4}:\s{0,4}"([0-9a-f]{16,64})"/.exec(text)?.[1]
  scan(GCP_SERVICE_ACCOUNT, text, (m) => push(found, m, 0.9, keyId ?? m[0]))
}

function findAzure(input: ScanInput, found: Candidate[]): void {
  const text = input.text
  if (mentionsAny(input, ACCOUNT_KEY_HINT)) {
    scan(AZURE_ACCOUNT_KEY, text, (m) => push(found, m, 0.95))
  }
  if (mentionsAny(input, SHARED_KEY_HINT)) {
    scan(AZURE_SHARED_ACCESS_KEY, text, (m) => push(found, m, 0.9))
  }
  if (text.includes('sig=')) scan(AZURE_SAS, text, (m) => push(found, m, 0.85))
  if (text.includes('Q~')) {
    scan(AZURE_CLIENT_SECRET, text, (m) => {
      if (looksRandom(m[0])) push(found, m, 0.8)
    })
  }
}

export const cloudAccessKey: Recognizer = {
  name: 'cloud-access-key',
  category: 'CLOUD_ACCESS_KEY',
  find(input: ScanInput) {
    const found: Candidate[] = []

    findAws(input.text, found)
    findGcp(input.text, found)
    findAzure(input, found)

    return found
  },
}

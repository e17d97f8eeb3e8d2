// CLOUD_ACCESS_KEY: AWS access key ids (and secret keys next to them), Google API keys and
// service-account JSON, Azure storage connection strings and account keys.
import type { Candidate, Recognizer, ScanInput } from '../recognizer.js'

// AWS unique-id prefixes for access keys (AKIA long-term, ASIA temporary) and other key-like
// ids; the 16 characters after the prefix are base32 (A-Z, 2-7).
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g
// aws_secret_access_key = <40 chars>, in config files, env exports and JSON.
const AWS_SECRET =
  /(?<![A-Za-z0-9])aws_?secret_?(?:access_?)?key["']?\s{0,4}[:=]\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi
const GCP_API_KEY = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g
const GCP_SERVICE_ACCOUNT = /"type"\s{0,4}:\s{0,4}"service_account"/g
const AZURE_ACCOUNT_KEY = /(?<![A-Za-z0-9])AccountKey=([A-Za-z0-9+/]{86}==)/g

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

function findAws(input: ScanInput, found: Candidate[]): void {
  scan(AWS_KEY_ID, input.text, (m) => {
    if (isDocumentationKey(m[0]) || !looksRandom(m[0].slice(4))) return
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
      confidence: 0.9,
      evidence: 'structure',
    })
  })

  scan(AWS_SECRET, input.text, (m) => {
    const secret = m[1] ?? ''
    if (secret.endsWith('EXAMPLEKEY') || !looksRandom(secret)) return
    const start = m.index + m[0].length - secret.length
    found.push({
      start,
      end: start + secret.length,
      value: secret,
      confidence: 0.95,
      evidence: 'structure',
    })
  })
}

export const cloudAccessKey: Recognizer = {
  name: 'cloud-access-key',
  category: 'CLOUD_ACCESS_KEY',
  find(input) {
    const found: Candidate[] = []
    const text = input.text

    findAws(input, found)

    if (text.includes('AIza')) {
      scan(GCP_API_KEY, text, (m) => {
        found.push({
          start: m.index,
          end: m.index + m[0].length,
          value: m[0],
          confidence: 0.9,
          evidence: 'structure',
        })
      })
    }

    if (text.includes('service_account') && text.includes('private_key')) {
      const keyId = /"private_key_id"\s{0,4}:\s{0,4}"([0-9a-f]{16,64})"/.exec(text)?.[1]

      scan(GCP_SERVICE_ACCOUNT, text, (m) => {
        const value = keyId ?? m[0]
        found.push({
          start: m.index,
          end: m.index + m[0].length,
          value,
          confidence: 0.9,
          evidence: 'structure',
        })
      })
    }

    scan(AZURE_ACCOUNT_KEY, text, (m) => {
      const key = m[1] ?? ''
      const start = m.index + m[0].length - key.length
      found.push({
        start,
        end: start + key.length,
        value: key,
        confidence: 0.95,
        evidence: 'structure',
      })
    })

    return found
  },
}

// PRIVATE_KEY: PEM, OpenSSH and PGP private key blocks, and PuTTY key files pasted as text.
// Certificates and public keys are not secrets and have other armour labels.
import {
  hintWords,
  mentionsAny,
  type Candidate,
  type Recognizer,
  type ScanInput,
} from '../recognizer.js'

// Binary key files (PKCS#12 .p12/.pfx, DER keys, Java key stores, OpenPGP secret keys without
// armour) are told from their structure in the extract stage (extract/key-files.ts), which
// reports them as PRIVATE_KEY findings of their own; this recognizer reads text key files
// (PEM .key, id_rsa, .ppk).

// RFC 7468 armour: the label is letters and spaces; "PRIVATE KEY" must end it. Tools write
// it in capitals, but the key is the base64 body: "-----begin rsa private key-----" above a
// real body is the same key with its header retyped, so the armour is matched in any case.
const BEGIN =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |ED25519 |PGP )?PRIVATE KEY(?: BLOCK)?)-----/gi
const PUTTY = /PuTTY-User-Key-File-\d: [\w-]{3,40}/gi
const HINTS = hintWords(['private key', 'putty'])

// A key block is at most a few kilobytes (RSA 8192 ≈ 6.5 KB); look no further for its end.
const MAX_BLOCK = 16_384
// Body must look like base64 of real key material, not "..." in documentation.
const MIN_BODY = 64

function findBlocks(input: ScanInput, found: Candidate[]): void {
  const text = input.text
  BEGIN.lastIndex = 0

  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const label = (m[1] ?? 'PRIVATE KEY').toUpperCase()
    const bodyStart = m.index + m[0].length
    const endMarker = `-----END ${label}-----`
    // The END line is looked for within one block's reach only: searching the rest of the
    // text from every BEGIN would make a text of BEGIN lines quadratic. Upper-casing keeps
    // the length of ASCII, and a marker is ASCII, so offsets found in it are those of `reach`.
    const reach = text.slice(bodyStart, bodyStart + MAX_BLOCK + endMarker.length)
    const endIn = asciiUpper(reach).indexOf(endMarker)
    const isClosed = endIn !== -1 && endIn < MAX_BLOCK
    // An unterminated block is its leading base64 lines, not the next 16 KiB.
    const bodyLength = isClosed ? endIn : leadingBase64(reach.slice(0, MAX_BLOCK))
    const body = reach.slice(0, bodyLength)
    const base64Chars = body.replace(/[^A-Za-z0-9+/=]/g, '').length
    if (base64Chars < MIN_BODY) continue

    const end = bodyStart + (isClosed ? endIn + endMarker.length : bodyLength)
    const masked = `-----BEGIN ${label}----- (${end - m.index} chars)`
    const value = body.replace(/\s+/g, '')
    found.push({
      start: m.index,
      end,
      value,
      confidence: isClosed ? 0.99 : 0.9,
      masked,
      evidence: 'structure',
    })
  }
}

// Upper case of ASCII letters only: String#toUpperCase may lengthen other characters (ß).
function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (run) => run.toUpperCase())
}

// Length of the base64 lines (and armour headers) that follow an unterminated BEGIN line.
function leadingBase64(body: string): number {
  const m = /^(?:\s*(?:[A-Za-z0-9+/=]{16,}(?![A-Za-z0-9+/=])|[A-Za-z-]{1,40}: [^\n]*))+/.exec(
    body.slice(0, MAX_BLOCK),
  )
  return m === null ? 0 : m[0].length
}

export const privateKey: Recognizer = {
  name: 'private-key',
  category: 'PRIVATE_KEY',
  find(input) {
    const found: Candidate[] = []
    if (!mentionsAny(input, HINTS)) return found

    findBlocks(input, found)

    PUTTY.lastIndex = 0
    for (let m = PUTTY.exec(input.text); m !== null; m = PUTTY.exec(input.text)) {
      const value = input.text.slice(m.index, Math.min(input.text.length, m.index + 512))
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        value,
        confidence: 0.9,
        evidence: 'structure',
      })
    }

    return found
  },
}

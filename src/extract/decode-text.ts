// Turn the bytes of a text part into a string to scan, whatever its encoding.
import iconv from 'iconv-lite'

import { looksLikeUtf16 } from './sniff-type.js'

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly reason: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decode text bytes: BOM first, then UTF-16 without BOM, then strict UTF-8, else
 * windows-1252 (every byte maps to a character, so nothing is lost to replacement).
 */
export function decodeText(bytes: Buffer): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: true, text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le' }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  }

  const utf16 = looksLikeUtf16(bytes.subarray(0, 1024))
  if (utf16 === 'utf16le') return { ok: true, text: bytes.toString('utf16le'), encoding: utf16 }
  if (utf16 === 'utf16be')
    return { ok: true, text: iconv.decode(bytes, 'utf-16be'), encoding: utf16 }

  try {
    return { ok: true, text: utf8.decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: fall through to the single-byte reading below, which cannot fail.
    return { ok: true, text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' }
  }
}

/** Charset names the parse stage refuses on purpose but that we may decode for scanning. */
const CHARSET_TOKEN = /(unicode-1-1-utf-7|utf-?7|csunicode11utf7|[a-z][a-z0-9_.:-]{2,40})/gi

/**
 * Decode a part whose declared charset the parse stage refused (e.g. UTF-7, which hides
 * characters as ASCII). The content is still in that charset; we decode it for scanning only.
 */
export function decodeRefusedCharset(bytes: Buffer, problem: string): Decoded {
  const names = [...problem.matchAll(CHARSET_TOKEN)].map((m) => m[1] ?? '')
  const known = names.find((name) => iconv.encodingExists(name))
  const name = known ?? (looksLikeUtf7(bytes) ? 'utf-7' : undefined)

  if (name === undefined) return { ok: false, reason: 'charset: refused and unknown' }

  try {
    return { ok: true, text: iconv.decode(bytes, name), encoding: name.toLowerCase() }
  } catch {
    // iconv-lite found the codec but could not decode these bytes: the part stays unread.
    return { ok: false, reason: 'charset: refused and undecodable' }
  }
}

/** UTF-7 shifts to base64 with "+" and back with "-": e.g. "+AEcAQgA4-". */
function looksLikeUtf7(bytes: Buffer): boolean {
  return /\+[A-Za-z0-9/]{4,}-?/.test(bytes.subarray(0, 8192).toString('latin1'))
}

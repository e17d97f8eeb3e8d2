// Readers for text-like parts: plain text (CSV, JSON, XML, source code), HTML and calendar or
// vCard files.
import { decodeText } from './decode-text.js'
import { decodeEntities, visibleTextOf } from './html-text.js'
import type { ExtractNode, ExtractSession } from './session.js'

/** Pass text through as decoded; blocks encoded inside it are read as nested blobs. */
export function readPlainText(s: ExtractSession, node: ExtractNode): string {
  const decoded = decodeText(node.bytes)
  if (!decoded.ok) {
    s.flag(node.id, 'unscannable', decoded.reason)
    return ''
  }

  s.addText(node.id, decoded.text)
  return decoded.text
}

/**
 * Pass the raw HTML (comments, hidden elements and attribute values are text to scan), then,
 * when it differs, the text with tags removed and entities decoded, so `&#52;111` and values
 * split by inline tags are seen as a reader would see them.
 */
export function readHtml(s: ExtractSession, node: ExtractNode): string {
  const decoded = decodeText(node.bytes)
  if (!decoded.ok) {
    s.flag(node.id, 'unscannable', decoded.reason)
    return ''
  }

  s.addText(node.id, decoded.text)

  const visible = visibleTextOf(decoded.text)
  if (visible.trim().length > 0 && visible !== decoded.text) s.addText(node.id, visible)

  return decoded.text
}

// RFC 5545 §3.1 / RFC 6350 §3.2: a line break followed by a space or tab continues the line,
// so a folded value (a card number split over two lines) must be unfolded before scanning.
const FOLD = /\r?\n[ \t]/g

// RFC 5545 §3.3.11: TEXT values escape "\n", "\,", "\;" and "\\".
const TEXT_ESCAPE = /\\([nN,;\\])/g

/** Unfold and unescape iCalendar / vCard content lines. */
export function readCalendar(s: ExtractSession, node: ExtractNode): string {
  const decoded = decodeText(node.bytes)
  if (!decoded.ok) {
    s.flag(node.id, 'unscannable', decoded.reason)
    return ''
  }

  const unfolded = decoded.text.replace(FOLD, '')
  const text = unfolded.replace(TEXT_ESCAPE, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
  s.addText(node.id, decodeEntities(text))

  return text
}

// Text of an RTF document (RTF 1.9.1): control words dropped, escapes decoded, tables and
// styles skipped, hidden text (\v) and document information kept.
import iconv from 'iconv-lite'

// Destinations that hold formatting or binary pictures, never typed text.
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'pict',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'wgrffmtfilter',
  'pgdsctbl',
  'fchars',
  'lchars',
  'filetbl',
  'revtbl',
  'objdata',
  'blipuid',
  'panose',
])

const BREAKS = new Set(['par', 'line', 'row', 'sect', 'page'])
const TABS = new Set(['tab', 'cell'])

const TOKEN =
  /\\([a-z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-f]{2})|\\([^a-z])|([{}])|([^\\{}\r\n]+)|[\r\n]+/gi

interface Group {
  readonly isSkipped: boolean
  readonly skipAfterUnicode: number
}

/** Plain text of `rtf`, decoded with its \ansicpg code page (windows-1252 by default). */
export function textOfRtf(rtf: string): string {
  const out: string[] = []
  const stack: Group[] = []
  let group: Group = { isSkipped: false, skipAfterUnicode: 1 }
  let codepage = 'windows-1252'
  let pendingSkip = 0
  let bytes: number[] = []

  const flushBytes = (): void => {
    if (bytes.length > 0 && !group.isSkipped) out.push(iconv.decode(Buffer.from(bytes), codepage))
    bytes = []
  }

  for (const m of rtf.matchAll(TOKEN)) {
    const [, word, param, hex, symbol, brace, text] = m

    if (hex !== undefined) {
      if (pendingSkip > 0) pendingSkip -= 1
      else bytes.push(Number.parseInt(hex, 16))
      continue
    }
    flushBytes()

    if (brace === '{') {
      stack.push(group)
    } else if (brace === '}') {
      group = stack.pop() ?? group
    } else if (symbol !== undefined) {
      // "\*" marks an optional destination. Unknown ones are read rather than skipped: they
      // include Outlook's \*\htmltag, whose tags and attribute values are content too.
      if (symbol !== '*' && !group.isSkipped) out.push(symbolText(symbol))
    } else if (word !== undefined) {
      const n = param === undefined ? undefined : Number.parseInt(param, 10)
      if (word === 'ansicpg' && n !== undefined && iconv.encodingExists(`cp${n}`))
        codepage = `cp${n}`
      if (SKIPPED_DESTINATIONS.has(word)) group = { ...group, isSkipped: true }
      if (word === 'uc' && n !== undefined) group = { ...group, skipAfterUnicode: n }
      if (word === 'bin' && n !== undefined) pendingSkip = n
      if (group.isSkipped) continue

      if (word === 'u' && n !== undefined) {
        out.push(String.fromCharCode(n < 0 ? n + 65536 : n))
        pendingSkip = group.skipAfterUnicode
      } else if (BREAKS.has(word)) out.push('\n')
      else if (TABS.has(word)) out.push('\t')
    } else if (text !== undefined && !group.isSkipped) {
      const skip = Math.min(pendingSkip, text.length)
      pendingSkip -= skip
      out.push(text.slice(skip))
    }
  }
  flushBytes()

  return out.join('')
}

function symbolText(symbol: string): string {
  if (symbol === '~') return '\u00a0'
  if (symbol === '_') return '-'
  if (symbol === '-') return ''
  if (symbol === '\n' || symbol === '\r') return '\n'
  return symbol
}

// Text of an HTML document as a reader would see it: tags removed, entities decoded.

// Tags after which a reader sees a break; every other tag joins its neighbours, because
// senders split values with inline tags (`4111<span>1111</span>`).
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|blockquote|pre|section|article|header|footer|title|option)\b[^>]*>/gi

const ANY_TAG = /<[^>]*>/g

const COMMENT = /<!--[\s\S]*?-->/g

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
}

const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});?/gi

/** Decode numeric and common named character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const isHex = ref[1] === 'x' || ref[1] === 'X'
      const code = Number.parseInt(ref.slice(isHex ? 2 : 1), isHex ? 16 : 10)
      const isValid = Number.isFinite(code) && code > 0 && code <= 0x10ffff
      return isValid ? String.fromCodePoint(code) : whole
    }

    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/** Tags removed (comments kept as text: they are content a DLP must see), entities decoded. */
export function visibleTextOf(html: string): string {
  const withComments = html.replace(COMMENT, (c) => ` ${c.slice(4, -3)} `)
  const blocks = withComments.replace(BLOCK_TAG, '\n').replace(ANY_TAG, '')

  return decodeEntities(blocks)
}

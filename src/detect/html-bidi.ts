// HTML's own bidirectional markup, as the Unicode controls it stands for (HTML §15.3.5,
// "Bidirectional text"): <bdo dir="rtl"> and CSS "unicode-bidi: bidi-override; direction:
// rtl" override like U+202E, and a dir attribute isolates like U+2067/U+2066. Flattening HTML
// drops the tags, so their controls are written into the scan text in their place; the
// display-order step (bidi-order.ts) then reads what a browser would show.

const RLO = '\u202e'
const LRO = '\u202d'
const PDF = '\u202c'
const RLI = '\u2067'
const LRI = '\u2066'
const PDI = '\u2069'

// Elements without content (HTML §13.1.2): a dir attribute on them opens nothing.
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])

// Open elements are tracked at most this deep: a document of unclosed spans cannot grow the
// stack without bound, and deeper nesting than this is not text a person writes.
const MAX_DEPTH = 256

const DIRECTION_HINT = /direction/i
const OVERRIDE_STYLE = /unicode-bidi\s*:\s*bidi-override/i
const DIRECTION_STYLE = /(?:^|[;\s])direction\s*:\s*(rtl|ltr)/i

/** The direction attributes of one start tag. */
export interface DirectionAttributes {
  readonly dir: string | undefined
  readonly style: string | undefined
}

interface Opened {
  readonly name: string
  /** The control that closes it ('' when its opener was not written). */
  readonly close: string
  readonly isRtl: boolean
}

/** The control a start tag opens (an override or an isolate), if any. */
function openerOf(name: string, attributes: DirectionAttributes): string | undefined {
  // Mail HTML carries an inline style on most tags; few of them name a direction.
  const style =
    attributes.style !== undefined && DIRECTION_HINT.test(attributes.style) ? attributes.style : ''
  if (attributes.dir === undefined && style === '') return undefined

  const dir = attributes.dir?.trim().toLowerCase()
  const styled = DIRECTION_STYLE.exec(style)?.[1]?.toLowerCase()

  const isOverride = name === 'bdo' || OVERRIDE_STYLE.test(style)
  const direction = name === 'bdo' ? dir : (styled ?? dir)
  if (direction !== 'rtl' && direction !== 'ltr') return undefined

  if (isOverride) return direction === 'rtl' ? RLO : LRO
  return direction === 'rtl' ? RLI : LRI
}

/** Tracks open elements with a direction and says which control each tag stands for. */
export class BidiMarkup {
  private readonly open: Opened[] = []

  /** The control to write for a start tag (the opener), or '' for none. */
  onStart(name: string, attributes: DirectionAttributes, isSelfClosing: boolean): string {
    if (VOID.has(name) || isSelfClosing || this.open.length >= MAX_DEPTH) return ''

    const opener = openerOf(name, attributes)
    if (opener === undefined) return ''

    // Left to right inside left to right reorders nothing: Gmail wraps every message in
    // <div dir="ltr">, and writing a control for it would make plain ASCII text non-ASCII
    // (the costlier normalisation path) for no reading. Such an element is tracked, silent.
    const isRtl = opener === RLO || opener === RLI
    const isHeard = isRtl || this.open.some((o) => o.isRtl)
    const close = opener === RLO || opener === LRO ? PDF : PDI
    this.open.push({ name, close: isHeard ? close : '', isRtl })
    return isHeard ? opener : ''
  }

  /** The controls to write for an end tag: it closes its element and any left open inside. */
  onEnd(name: string): string {
    if (this.open.length === 0) return ''

    const at = this.open.map((o) => o.name).lastIndexOf(name)
    if (at === -1) return ''

    const closed = this.open.splice(at)
    return closed
      .map((o) => o.close)
      .reverse()
      .join('')
  }
}

// HTML character references (HTML Living Standard §13.5), the ones that matter for hiding
// or splitting values: numeric references, spacing and invisible characters, punctuation.

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  hyphen: '\u2010',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '\u2212',
  period: '.',
  comma: ',',
  colon: ':',
  sol: '/',
  bsol: '\\',
  num: '#',
  commat: '@',
  plus: '+',
  equals: '=',
  lowbar: '_',
  dash: '\u2010',
  hellip: '\u2026',
  copy: '\u00a9',
  reg: '\u00ae',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  deg: '\u00b0',
  middot: '\u00b7',
  bull: '\u2022',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  tab: '\t',
  newline: '\n',
  // Invisible and spacing characters with long names (HTML's named character references
  // table); a browser draws them as nothing or as a space, so they must not split a value.
  zerowidthspace: '\u200b',
  negativeverythinspace: '\u200b',
  negativethinspace: '\u200b',
  negativemediumspace: '\u200b',
  negativethickspace: '\u200b',
  nobreak: '\u2060',
  applyfunction: '\u2061',
  af: '\u2061',
  invisibletimes: '\u2062',
  it: '\u2062',
  invisiblecomma: '\u2063',
  ic: '\u2063',
  numsp: '\u2007',
  puncsp: '\u2008',
  hairsp: '\u200a',
  verythinspace: '\u200a',
  thinspace: '\u2009',
  mediumspace: '\u205f',
  emsp13: '\u2004',
  emsp14: '\u2005',
  nonbreakingspace: '\u00a0',
}

/** Longest reference decoded: "&NegativeVeryThinSpace;" is 23 characters. */
export const MAX_REFERENCE = 24

// &#52; &#x34; &name; — the semicolon may be missing after numeric references, as browsers
// accept. Digits are bounded: the longest valid reference is &#1114111; or &#x10FFFF;.
const REFERENCE = /^&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,21});)/

/** The decoded character and source length of a reference at the start of `s`, if any. */
export function decodeReference(s: string): { char: string; length: number } | undefined {
  const m = REFERENCE.exec(s)
  if (m === null) return undefined

  const code = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? parseInt(m[2], 16) : -1
  if (code >= 0) {
    const isValid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    return { char: isValid ? String.fromCodePoint(code) : '\ufffd', length: m[0].length }
  }

  const named = NAMED[(m[3] ?? '').toLowerCase()]
  return named === undefined ? undefined : { char: named, length: m[0].length }
}

import { describe, expect, it } from 'vitest'

import { spansFor } from './spans-for-test.js'
import { htmlScanText } from './html-text.js'

function cardsIn(html: string): string[] {
  return spansFor(html, 'CREDIT_CARD', 'body-html')
}

describe('HTML scan text', () => {
  it.each<[string, string, string]>([
    [
      'split by inline tags',
      '<p>card 41<b>11</b> 1111 <span>1111</span> 1111</p>',
      '41<b>11</b> 1111 <span>1111</span> 1111',
    ],
    [
      'written as character references',
      '<p>&#52;111 1111 &#x31;111 1111</p>',
      '&#52;111 1111 &#x31;111 1111',
    ],
    [
      'spaced with &nbsp;',
      '<td>4111&nbsp;1111&nbsp;1111&nbsp;1111</td>',
      '4111&nbsp;1111&nbsp;1111&nbsp;1111',
    ],
    ['in a comment', '<p>hi</p><!-- 4111 1111 1111 1111 -->', '4111 1111 1111 1111'],
    [
      'hidden with display:none',
      '<span style="display:none">4111 1111 1111 1111</span>',
      '4111 1111 1111 1111',
    ],
    ['in an alt attribute', '<img alt="4111 1111 1111 1111" src="x.png">', '4111 1111 1111 1111'],
    [
      'percent-encoded in a link',
      '<a href="https://x.example/p?cc=4111%201111%201111%201111">pay</a>',
      '4111%201111%201111%201111',
    ],
  ])('finds a card %s, at its offsets in the raw HTML', (_label, html, expected) => {
    expect(cardsIn(html)).toEqual([expected])
  })

  it.each<[string, string]>([
    ['in two table cells', '<tr><td>4111 1111</td><td>1111 1111</td></tr>'],
    ['in two paragraphs', '<p>4111 1111</p><p>1111 1111</p>'],
  ])('does not join digits %s', (_label, html) => {
    expect(cardsIn(html)).toEqual([])
  })

  it('marks blockquote text as quoted', () => {
    const scan = htmlScanText('<p>new</p><blockquote>old <i>text</i></blockquote><p>end</p>')
    const [range] = scan.quoted

    expect(range).toBeDefined()
    expect(scan.text.slice(range?.[0], range?.[1])).toContain('old text')
    expect(scan.text.slice(range?.[0], range?.[1])).not.toContain('end')
  })

  it('treats a stray "<" as text', () => {
    expect(htmlScanText('a < b and 4 < 5').text).toBe('a < b and 4 < 5')
  })
})

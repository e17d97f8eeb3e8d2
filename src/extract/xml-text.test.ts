import { describe, expect, it } from 'vitest'

import { exactDigits, textOfXml } from './xml-text.js'

describe('exactDigits', () => {
  it.each([
    ['Excel-style card in E notation', '6.011111111111117E+15', '6011111111111117'],
    ['lower-case exponent', '4.111111111111111e15', '4111111111111111'],
    ['exponent past the digits', '1.5E+3', '1500'],
    ['negative exponent', '1.25E-2', '0.0125'],
    ['plain integer untouched', '4111111111111111', '4111111111111111'],
    ['decimal untouched', '10.5', '10.5'],
    ['text untouched', 'n/a', 'n/a'],
  ])('%s', (_label, input, expected) => {
    expect(exactDigits(input)).toBe(expected)
  })
})

describe('textOfXml', () => {
  it('joins runs split by formatting and separates paragraphs', () => {
    const xml =
      '<w:body><w:p><w:r><w:t>Card 4111 11</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>' +
      '<w:t>11 1111 1111</w:t></w:r></w:p><w:p><w:r><w:t>Next</w:t></w:r></w:p></w:body>'

    expect(textOfXml(xml)).toBe('Card 4111 1111 1111 1111\nNext')
  })

  it('keeps deleted text, property values and alt text', () => {
    const xml =
      '<cp:coreProperties><dc:title>Report</dc:title><dc:subject>ref 6011</dc:subject>' +
      '</cp:coreProperties><w:del><w:r><w:delText>5555</w:delText></w:r></w:del>' +
      '<wp:docPr id="1" descr="scan of card 3782"/>'

    expect(textOfXml(xml)).toBe('Report\nref 6011\nscan of card 3782\n5555')
  })

  it('reads a tracked deletion apart, so neither the current nor the old text is broken', () => {
    // C25: a deleted card number sat right before the next run and was glued to "see".
    const xml =
      '<w:p><w:r><w:t>Card 4111 11</w:t></w:r><w:del><w:r><w:delText>99</w:delText></w:r>' +
      '</w:del><w:r><w:t>11 1111 1111</w:t></w:r></w:p><w:p><w:del><w:r>' +
      '<w:delText>5555 5555 5555 4444</w:delText></w:r></w:del><w:r><w:t>see</w:t></w:r></w:p>'

    expect(textOfXml(xml)).toBe('Card 4111 1111 1111 1111\nsee\n99\n5555 5555 5555 4444')
  })

  it('ignores indentation between elements', () => {
    expect(
      textOfXml('<a:p>\n  <a:r><a:t>4111</a:t></a:r>\n  <a:r><a:t> 1111</a:t></a:r>\n</a:p>'),
    ).toBe('4111 1111')
  })
})

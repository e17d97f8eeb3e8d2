import { describe, expect, it } from 'vitest'

import { fixtureBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { pdfWith } from './simple-pdf.js'

const LABEL = '3de9faa6-9fe1-49b3-9a08-227a296b54a6'

describe('PDF reading', () => {
  // Regression from an attack run: pdf.js believes the page tree's /Count, so a PDF claiming
  // no pages was read as holding none, while Chrome shows both.
  it.each(['0', '-1'])('reads every page of a page tree whose /Count says %s', async (count) => {
    const pdf = pdfWith(['first page', 'card 4111 1111 1111 1111'], '<<>>')
    const lying = Buffer.from(pdf.toString('latin1').replace('/Count 2>>', `/Count ${count}>>`))

    const result = await extractText(messageOf({ content: lying }), defaultExtractLimits)

    expect(allText(result)).toContain('first page')
    expect(allText(result)).toContain('card 4111 1111 1111 1111')
  })

  it('reads page text, Info values and a Purview label from the Info dictionary', async () => {
    const info = `<</Title(Payroll)/MSIP_Label_${LABEL}_Enabled(true)/MSIP_Label_${LABEL}_Name(Secret)>>`
    const message = messageOf({ content: pdfWith('card 4111 1111 1111 1111', info) })

    const result = await extractText(message, defaultExtractLimits)

    expect(allText(result)).toContain('card 4111 1111 1111 1111')
    expect(allText(result)).toContain('Payroll')
    expect(result.labels).toEqual([
      expect.objectContaining({ id: LABEL, name: 'Secret', enabled: true, source: 'pdf/Info' }),
    ])
    expect(result.parts[0]).toMatchObject({ method: 'pdf', status: 'inspected' })
  })

  it('reports a PDF whose pages carry no text', async () => {
    const message = messageOf({ content: pdfWith('', '<</Title(scan)>>') })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings.map((f) => f.reason)).toEqual(['pdf: no text layer'])
  })

  it('does not report a blank page, which paints nothing and holds nothing to read', async () => {
    // The 67-byte blank PDF of the `letters` parser corpus: one 3×3 pt page, no content stream.
    const blank = '%PDF-1.\rtrailer<</Root<</Pages<</Kids[<</MediaBox[0 0 3 3]>>]>>>>>>'
    const message = messageOf({ content: Buffer.from(blank, 'latin1') })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings).toEqual([])
    expect(result.parts[0]).toMatchObject({ method: 'pdf', status: 'inspected', textBytes: 0 })
  })

  it('reports bytes that start like a PDF but are not one', async () => {
    const message = messageOf({ content: Buffer.from('%PDF-1.4\nnot really\n') })

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings).toMatchObject([{ category: 'UNSCANNABLE' }])
    expect(result.findings[0]?.reason).toMatch(/^pdf: /)
  })
})

// Regression: text after a PDF's final %%EOF was delivered: pdf.js never looks there, but
// `cat` and `strings` show it, and a ZIP there opens with `unzip`.
describe('bytes around a PDF', () => {
  const pdf = pdfWith('quarterly report', '<</Title(Report)>>')

  it('reads text after the final %%EOF', async () => {
    const bytes = Buffer.concat([pdf, Buffer.from('card 5555 5555 5555 4444\n')])

    const result = await extractText(messageOf({ content: bytes }), defaultExtractLimits)

    expect(result.texts).toContainEqual({
      partId: '1/appended',
      origin: 'attachment',
      text: 'card 5555 5555 5555 4444\n',
    })
    expect(result.findings).toEqual([])
  })

  it('reads a ZIP after the final %%EOF', async () => {
    const bytes = Buffer.concat([pdf, await fixtureBytes('card-note.zip')])

    const result = await extractText(messageOf({ content: bytes }), defaultExtractLimits)

    expect(allText(result)).toContain('card 4111 1111 1111 1111')
  })

  it('reads text written before "%PDF-"', async () => {
    const bytes = Buffer.concat([Buffer.from('card 5555 5555 5555 4444\n'), pdf])

    const result = await extractText(messageOf({ content: bytes }), defaultExtractLimits)

    expect(result.texts.map((t) => t.partId)).toContain('1/prepended')
    expect(allText(result)).toContain('quarterly report')
  })

  it('takes an incremental update for part of the PDF, not appended data', async () => {
    const update = Buffer.from('7 0 obj\n<</Title(v2)>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n')

    const result = await extractText(
      messageOf({ content: Buffer.concat([pdf, update]) }),
      defaultExtractLimits,
    )

    expect(result.texts.map((t) => t.partId)).not.toContain('1/appended')
    expect(result.findings).toEqual([])
  })
})

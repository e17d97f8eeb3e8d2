import { describe, expect, it } from 'vitest'

import { readPagesInHelper } from './pdf-page-helper.js'
import { pdfWith } from './pdf-for-test.js'

describe('the PDF page helper thread', () => {
  it('gives the text of the pages asked for', async () => {
    const pdf = pdfWith(['first page', 'second page', 'third page'], '<<>>')

    expect(await readPagesInHelper(pdf, 1, 3)).toEqual(['second page', 'third page'])
  })

  it('answers requests made at once, each with its own pages', async () => {
    const one = pdfWith(['one a', 'one b'], '<<>>')
    const two = pdfWith(['two a', 'two b'], '<<>>')

    const replies = await Promise.all([readPagesInHelper(one, 0, 2), readPagesInHelper(two, 1, 2)])

    expect(replies).toEqual([['one a', 'one b'], ['two b']])
  })

  it('gives undefined for bytes PDFium does not open', async () => {
    expect(await readPagesInHelper(Buffer.from('%PDF-1.4\nnot really\n'), 0, 1)).toBeUndefined()
  })
})

// Small hand-written PDFs: for the extract tests, and for the inspection worker's warm-up.

/**
 * A PDF with one page per entry of `pageTexts`, each showing its text in Helvetica, and `info`
 * as its Info dictionary. There is no cross-reference table; pdf.js and PDFium rebuild it.
 */
export function pdfWith(pageTexts: string | readonly string[], info: string): Buffer {
  const texts = typeof pageTexts === 'string' ? [pageTexts] : pageTexts
  // Objects: 1 catalog, 2 page tree, 3 font, 4 Info, then a page and its content per text.
  const pageIds = texts.map((_, i) => 5 + i * 2)
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    `<</Type/Pages/Kids[${pageIds.map((id) => `${id} 0 R`).join(' ')}]/Count ${texts.length}>>`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
    info,
    ...texts.flatMap((text, i) => {
      const content = `BT /F1 12 Tf 10 100 Td (${text}) Tj ET`
      return [
        `<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents ${6 + i * 2} 0 R/Resources<</Font<</F1 3 0 R>>>>>>`,
        `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
      ]
    }),
  ]
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')

  return Buffer.from(`%PDF-1.4\n${body}trailer\n<</Root 1 0 R/Info 4 0 R>>\n%%EOF\n`, 'latin1')
}

// A message each inspection worker reads once when it starts. The first message a fresh worker
// read took 270 ms to decide where the same one took 60 later (parse 103 ms, extract 93,
// detect 60): the first use of mailparser's decoders, of pdf.js and PDFium on a document, and
// of the detectors' tables and compiled patterns all fell on it. Reading this instead moves
// that cost to the start of the worker, before any mail waits for it.
import { defaultExtractLimits } from '../extract/index.js'
import { pdfWith } from '../extract/simple-pdf.js'
import { inspectContent } from './content.js'

// Documentation values only (test card, the IBAN of the IBAN registry's example, a number from
// Ofcom's drama range), so that the recognisers that check digits run their checks too.
const TEXT =
  'Dear Jane,\r\n\r\nThe card is 4111 1111 1111 1111, the account GB82 WEST 1234 5698 ' +
  '7654 32, and you can call me on +44 20 7946 0018 or write to jane.doe@example.com.\r\n\r\n' +
  'Kind regards,\r\nJohn Smith\r\n'

/** A multipart message: plain text (quoted-printable), its HTML (base64) and a two-page PDF. */
export function warmUpMessage(): Buffer {
  const html = `<html><body><p>${TEXT.replace(/\r\n/g, '<br>')}</p></body></html>`
  const pdf = pdfWith(['Statement for Jane Doe', `Card ${'4111 1111 1111 1111'}`], '<<>>')
  const base64 = (bytes: Buffer): string => bytes.toString('base64').replace(/.{76}/g, '$&\r\n')
  return Buffer.from(
    [
      'From: John Smith <john.smith@example.com>',
      'To: Jane Doe <jane.doe@example.org>',
      'Subject: =?utf-8?q?Statement_=E2=80=93_warm-up?=',
      'Date: Fri, 04 Dec 2026 09:00:00 +0000',
      'Message-ID: <warm-up@mailward.invalid>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      TEXT,
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64(Buffer.from(html)),
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="statement.pdf"',
      'Content-Disposition: attachment; filename="statement.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      base64(pdf),
      '--outer--',
      '',
    ].join('\r\n'),
  )
}

/** Reads the warm-up message; its report is not used. */
export async function warmUpInspection(): Promise<void> {
  await inspectContent(warmUpMessage(), { maxMessageDepth: 8, extract: defaultExtractLimits })
}

// Read a MIME entity found inside a part: an .eml in an archive, a TNEF or .msg attachment, or
// the content of an S/MIME opaque-signed message. The parse stage re-parses the attached
// messages of the MIME tree itself; these ones only extraction can reach.
import { simpleParser } from 'mailparser'

import { errorName } from './error-name.js'
import { signedContentOf } from './cms-signed.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { readBlobsInText } from './text-blobs.js'

// The same choices as the parse stage: raw HTML is scanned by us, cid: images are not inlined.
const PARSE_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
} as const

/**
 * Read an RFC 5322 / MIME entity: its header lines as text (subject, names and addresses are
 * data too), its text and HTML bodies, and each attachment as a nested blob one level deeper.
 */
export async function readMimeEntity(s: ExtractSession, node: ExtractNode): Promise<void> {
  let mail: Awaited<ReturnType<typeof simpleParser>>
  try {
    mail = await simpleParser(node.bytes, PARSE_OPTIONS)
  } catch (error) {
    // mailsplit refuses entities past its structural limits (1 MiB of headers, 1,000 parts).
    s.flag(node.id, 'unscannable', `mime: unreadable (${errorName(error)})`)
    return
  }

  s.addText(node.id, mail.headerLines.map((line) => line.line).join('\n'))
  if (typeof mail.html === 'string') s.addText(node.id, mail.html)
  if (typeof mail.text === 'string') {
    // Files hidden in the body (uuencode, base64 runs) are looked for as in any text (C07).
    s.addText(node.id, mail.text)
    await readBlobsInText(s, node, mail.text)
  }

  for (const [index, attachment] of mail.attachments.entries()) {
    if (s.stopIfOverTime(node.id)) return

    const name = attachment.filename ?? `part-${index + 1}`
    await s.readNested({
      id: `${node.id}/${name}`,
      bytes: attachment.content,
      filename: attachment.filename,
      depth: node.depth + 1,
    })
  }
}

/**
 * Unwrap S/MIME signed-data and read the signed MIME entity inside, one level deeper. Returns
 * the method: `smime-signed`, or `signature` for signed-data without content.
 */
export async function readSignedData(s: ExtractSession, node: ExtractNode): Promise<string> {
  const signed = signedContentOf(node.bytes)

  switch (signed.kind) {
    case 'none':
      // Certificates and a digest only, like a detached signature: no message content.
      return 'signature'
    case 'corrupt':
      s.flag(node.id, 'unscannable', 'smime: corrupt signed-data')
      return 'smime-signed'
    case 'content':
      await s.readNested({
        id: `${node.id}/signed-content`,
        bytes: signed.bytes,
        filename: undefined,
        depth: node.depth + 1,
      })
      return 'smime-signed'
  }
}

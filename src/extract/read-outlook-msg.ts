// Read Outlook .msg files (MS-OXMSG) with msgreader: every string property (subject, body,
// names, addresses), the HTML and compressed-RTF bodies, attachments as nested blobs and
// embedded messages recursively.
import msgreader, { type FieldsData } from '@kenjiuno/msgreader'

import { decompressRtf } from './compressed-rtf.js'
import { errorName } from './error-name.js'
import { decodeText } from './decode-text.js'
import { textOfRtf } from './rtf-text.js'
import type { ExtractNode, ExtractSession } from './session.js'

// The package is CommonJS with `exports.default`: Node's ESM loader puts the class on the
// default export's `default`, while bundlers (vitest) unwrap it to the default export itself.
type ReaderClass = typeof msgreader.default
const MsgReader: ReaderClass =
  typeof msgreader.default === 'function'
    ? msgreader.default
    : (msgreader as unknown as ReaderClass)

type Reader = InstanceType<typeof MsgReader>

// Fields that describe the file format rather than what a person wrote.
const FORMAT_FIELDS = new Set(['dataType', 'extension', 'attachMimeTag', 'messageClass'])

/** Read one .msg; a file msgreader cannot parse is reported and the message goes on. */
export async function readOutlookMsg(s: ExtractSession, node: ExtractNode): Promise<void> {
  const copy = node.bytes.buffer.slice(
    node.bytes.byteOffset,
    node.bytes.byteOffset + node.bytes.length,
  )
  const reader = new MsgReader(copy as ArrayBuffer)
  const fields = reader.getFileData()

  if (fields.error !== undefined) {
    s.flag(node.id, 'unscannable', 'msg: unreadable')
    return
  }

  await readFields(s, node, reader, fields)
}

async function readFields(
  s: ExtractSession,
  node: ExtractNode,
  reader: Reader,
  fields: FieldsData,
): Promise<void> {
  s.addText(node.id, stringsOf(fields).join('\n'))
  for (const recipient of fields.recipients ?? [])
    s.addText(node.id, stringsOf(recipient).join(' '))

  if (fields.html instanceof Uint8Array) {
    const html = decodeText(Buffer.from(fields.html))
    if (html.ok) s.addText(node.id, html.text)
  }
  if (fields.compressedRtf instanceof Uint8Array) readRtfBody(s, node.id, fields.compressedRtf)

  for (const [index, attachment] of (fields.attachments ?? []).entries()) {
    if (s.stopIfOverTime(node.id)) return
    await readAttachment(s, node, reader, attachment, index)
  }
}

async function readAttachment(
  s: ExtractSession,
  node: ExtractNode,
  reader: Reader,
  attachment: FieldsData,
  index: number,
): Promise<void> {
  const name = attachment.fileName ?? attachment.name ?? `attachment-${index + 1}`
  const id = `${node.id}/${name}`

  if (node.depth + 1 > s.limits.maxDepth) {
    s.flag(id, 'unscannable', `limit: maxDepth ${s.limits.maxDepth} exceeded`)
    return
  }

  if (attachment.innerMsgContent === true && attachment.innerMsgContentFields !== undefined) {
    const inner = { ...node, id, depth: node.depth + 1 }
    await readFields(s, inner, reader, attachment.innerMsgContentFields)
    return
  }

  try {
    const data = reader.getAttachment(attachment)
    const bytes = Buffer.from(data.content)
    await s.readNested({ id, bytes, filename: name, depth: node.depth + 1 })
  } catch (error) {
    // The attachment's streams are damaged: reported, and the other attachments are read.
    s.flag(id, 'unscannable', `msg: unreadable attachment (${errorName(error)})`)
  }
}

function readRtfBody(s: ExtractSession, id: string, compressed: Uint8Array): void {
  try {
    const rtf = decompressRtf(Buffer.from(compressed), Math.max(0, s.inflatedRoom()))
    s.chargeInflated(rtf.length)
    s.addText(id, textOfRtf(rtf.toString('latin1')))
  } catch (error) {
    // A damaged RTF body: the plain body and attachments are still read.
    s.flag(id, 'unscannable', `msg: corrupt compressed RTF (${errorName(error)})`)
  }
}

function stringsOf(fields: FieldsData): string[] {
  return Object.entries(fields).flatMap(([key, value]) =>
    typeof value === 'string' && !FORMAT_FIELDS.has(key) && value.length > 0 ? [value] : [],
  )
}

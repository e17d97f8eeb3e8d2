// Read TNEF (winmail.dat, application/ms-tnef; MS-OXTNEF): message text, its MAPI properties
// (RTF and HTML bodies included) and every attached file as a nested blob (C08).
import iconv from 'iconv-lite'

import { decompressRtf } from './compressed-rtf.js'
import { errorName } from './error-name.js'
import { parseMapiProperties, type MapiProperty } from './mapi-properties.js'
import { textOfRtf } from './rtf-text.js'
import type { ExtractNode, ExtractSession } from './session.js'

// MS-OXTNEF §2.1.3.3: attribute ids are written as (type << 16 | id). The id alone names the
// attribute; some writers leave the type word zero (tnefparse's minimal_attachment), so only
// the low 16 bits are compared.
const ATT_SUBJECT = 0x8004
const ATT_BODY = 0x800c
const ATT_OEM_CODEPAGE = 0x9007
const ATT_ATTACH_RENDDATA = 0x9002
const ATT_ATTACH_TITLE = 0x8010
const ATT_ATTACH_DATA = 0x800f
const ATT_MSG_PROPS = 0x9003
const ATT_ATTACHMENT = 0x9005

// MS-OXPROPS: properties whose binary values are bodies or attached files.
const PR_RTF_COMPRESSED = 0x1009
const PR_BODY_HTML = 0x1013
const PR_ATTACH_DATA_BIN = 0x3701
const PR_ATTACH_LONG_FILENAME = 0x3707

const SIGNATURE = 0x223e9f78

interface Attachment {
  title: string | undefined
  data: Buffer | undefined
}

/** Read a TNEF stream; a malformed attribute is reported and reading stops there. */
export async function readTnef(s: ExtractSession, node: ExtractNode): Promise<void> {
  const data = node.bytes
  if (data.length < 6 || data.readUInt32LE(0) !== SIGNATURE) {
    s.flag(node.id, 'unscannable', 'tnef: bad signature')
    return
  }

  let codepage = 'windows-1252'
  const decode = (b: Buffer): string => iconv.decode(b, codepage).replace(/\0+$/, '')
  const attachments: Attachment[] = []
  let pos = 6

  while (pos + 9 <= data.length) {
    const level = data[pos]
    const id = data.readUInt32LE(pos + 1) & 0xffff
    const length = data.readUInt32LE(pos + 5)
    const value = data.subarray(pos + 9, pos + 9 + length)
    pos += 9 + length + 2

    if (value.length < length) {
      s.flag(node.id, 'unscannable', 'tnef: truncated attribute')
      break
    }

    const current = attachments.at(-1)
    if (id === ATT_OEM_CODEPAGE && value.length >= 4) {
      const cp = `cp${value.readUInt32LE(0)}`
      if (iconv.encodingExists(cp)) codepage = cp
    } else if (id === ATT_SUBJECT || id === ATT_BODY) {
      s.addText(node.id, decode(value))
    } else if (id === ATT_ATTACH_RENDDATA) {
      attachments.push({ title: undefined, data: undefined })
    } else if (id === ATT_ATTACH_TITLE && current !== undefined) {
      current.title = decode(value)
    } else if (id === ATT_ATTACH_DATA && current !== undefined) {
      current.data = value
    } else if (id === ATT_MSG_PROPS || (id === ATT_ATTACHMENT && level === 2)) {
      readProperties(s, node.id, value, decode, id === ATT_ATTACHMENT ? current : undefined)
    }
  }

  for (const [index, attachment] of attachments.entries()) {
    if (attachment.data === undefined) continue

    const name = attachment.title ?? `attachment-${index + 1}`
    await s.readNested({
      id: `${node.id}/${name}`,
      bytes: attachment.data,
      filename: name,
      depth: node.depth + 1,
    })
  }
}

function readProperties(
  s: ExtractSession,
  id: string,
  value: Buffer,
  decode: (b: Buffer) => string,
  attachment: Attachment | undefined,
): void {
  let properties: MapiProperty[]
  try {
    properties = parseMapiProperties(value, decode)
  } catch (error) {
    // The list runs past its attribute: what was parsed is lost, the rest of the TNEF is read.
    s.flag(id, 'unscannable', `tnef: malformed property list (${errorName(error)})`)
    return
  }

  for (const property of properties) {
    for (const v of property.values) {
      if (typeof v === 'string') {
        if (property.id === PR_ATTACH_LONG_FILENAME && attachment !== undefined)
          attachment.title = v
        s.addText(id, v)
      } else if (property.id === PR_RTF_COMPRESSED) {
        readCompressedRtf(s, id, v)
      } else if (property.id === PR_BODY_HTML) {
        s.addText(id, decode(v))
      } else if (property.id === PR_ATTACH_DATA_BIN && attachment !== undefined) {
        attachment.data ??= v
      }
    }
  }
}

function readCompressedRtf(s: ExtractSession, id: string, value: Buffer): void {
  try {
    const rtf = decompressRtf(value, Math.max(0, s.inflatedRoom()))
    s.chargeInflated(rtf.length)
    s.addText(id, textOfRtf(rtf.toString('latin1')))
  } catch (error) {
    // A damaged RTF body: reported, and the other properties and attachments are still read.
    s.flag(id, 'unscannable', `tnef: corrupt compressed RTF (${errorName(error)})`)
  }
}

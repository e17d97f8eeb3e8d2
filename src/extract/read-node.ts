// Dispatch one blob to the reader for its type, judged from the bytes.
import { errorName } from './error-name.js'
import { readGzip, readTar } from './read-gzip-tar.js'
import { imageFamilyOf, readImage } from './read-image.js'
import { readOfficePackage } from './read-office-package.js'
import { readCfb } from './read-cfb.js'
import { readPdf } from './read-pdf.js'
import { readRtf } from './read-rtf.js'
import { readTnef } from './read-tnef.js'
import { readZip } from './read-zip.js'
import { readMimeEntity, readSignedData } from './read-mime-entity.js'
import { readCalendar, readHtml, readPlainText } from './read-text.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { readBlobsInText } from './text-blobs.js'
import { sniffType, type SniffedType } from './sniff-type.js'
import { readKeyFileNode } from './key-files.js'

/** How a blob was read: its type from the bytes and the reader used ("none" if none). */
export interface NodeReading {
  readonly detected: SniffedType
  readonly method: string
}

/**
 * Read `node` into the session: text goes to `addText`, anything unread to `flag`.
 * Never throws: a reader that fails becomes an UNSCANNABLE finding naming the format.
 */
export async function readNode(s: ExtractSession, node: ExtractNode): Promise<NodeReading> {
  let detected: SniffedType
  try {
    detected = sniffType(node.bytes)
  } catch (error) {
    // sniffType is not meant to throw; if it does, this blob is unread, not the whole message.
    s.flag(node.id, 'unscannable', `type: unreadable (${errorName(error)})`)
    return { detected: { mime: 'application/octet-stream', kind: 'unsupported' }, method: 'none' }
  }

  if (node.depth > s.limits.maxDepth) {
    s.flag(node.id, 'unscannable', `limit: maxDepth ${s.limits.maxDepth} exceeded`)
    return { detected, method: 'none' }
  }

  try {
    const method = await readAs(s, node, detected)
    return { detected, method }
  } catch (error) {
    // A reader met bytes it could not handle. The blob is reported unreadable and the rest of
    // the message is still read; the error text is not kept, since it may quote content.
    s.flag(node.id, 'unscannable', `${detected.kind}: unreadable (${errorName(error)})`)
    return { detected, method: detected.kind }
  }
}

async function readAs(s: ExtractSession, node: ExtractNode, type: SniffedType): Promise<string> {
  switch (type.kind) {
    case 'empty':
      return 'none'
    case 'text':
      await readBlobsInText(s, node, readPlainText(s, node))
      return 'text'
    case 'html':
      readHtml(s, node)
      return 'html'
    case 'calendar':
      readCalendar(s, node)
      return 'calendar'
    case 'pgp-encrypted':
      s.flag(node.id, 'encrypted', 'pgp: encrypted message')
      return 'none'
    case 'cms-enveloped':
      s.flag(node.id, 'encrypted', 'smime: encrypted (enveloped-data)')
      return 'none'
    case 'mime':
      await readMimeEntity(s, node)
      return 'mime'
    case 'cms-signed':
      return readSignedData(s, node)
    case 'cms-detached-signature':
      // A detached signature holds certificates and a digest, never message content.
      return 'signature'
    case 'zip':
      await readZip(s, node)
      return 'zip'
    case 'ooxml':
    case 'odf':
      await readOfficePackage(s, node, type.kind)
      return type.kind
    case 'gzip':
      await readGzip(s, node)
      return 'gzip'
    case 'tar':
      await readTar(s, node)
      return 'tar'
    case 'pdf':
      await readPdf(s, node)
      return 'pdf'
    case 'rtf':
      readRtf(s, node)
      return 'rtf'
    case 'tnef':
      await readTnef(s, node)
      return 'tnef'
    case 'cfb':
      return readCfb(s, node)
    case 'image':
      await readImage(s, node, imageFamilyOf(type.mime))
      return 'image'
    case 'key-file':
      return await readKeyFileNode(s, node, type)
    case 'unsupported':
      await Promise.resolve()
      s.flag(node.id, 'unscannable', `unsupported format: ${type.mime}`)
      return 'none'
    default:
      return assertNever(type.kind)
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled format kind ${String(value)}`)
}

// Read PNG, JPEG, GIF and TIFF files: their pixels are not read, but the text of their
// metadata is (PNG text chunks, JPEG comments, EXIF, XMP, IPTC, GIF comments), and so is
// whatever follows the end of the image.
import { promisify } from 'node:util'
import { inflate } from 'node:zlib'

import { readAppendedData } from './appended-data.js'
import { errorName } from './error-name.js'
import { layoutOfImage, type ImageFamily, type MetadataPiece } from './image-layout.js'
import { textsOfExif, textsOfIptc } from './image-text.js'
import { inflatedBudgetOf, RATIO_FLOOR_BYTES } from './limits.js'
import type { ExtractNode, ExtractSession } from './session.js'

const inflateAsync = promisify(inflate)

export type ReadableImage = ImageFamily | 'tiff'

const IMAGE_FAMILIES: Readonly<Record<string, ReadableImage>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
}

/** The image reader for a type `sniffType` gave the kind `image`. */
export function imageFamilyOf(mime: string): ReadableImage {
  const family = IMAGE_FAMILIES[mime]
  if (family === undefined) throw new Error(`no image reader for ${mime}`)
  return family
}

/**
 * Read an image's metadata text (as `<id>/metadata`) and its appended data. A picture sent as
 * a file of its own is also reported as not read; pictures inside an Office package are not
 * (`isInPackage`), or every document with a logo would be UNSCANNABLE.
 */
export async function readImage(
  s: ExtractSession,
  node: ExtractNode,
  family: ReadableImage,
  isInPackage = false,
): Promise<void> {
  // TODO: Pictures are not OCR'd (mailward has no OCR engine): text drawn in the pixels is not
  // seen. The part is UNSCANNABLE with this reason, which the default policy does not hold on.
  if (!isInPackage) s.flag(node.id, 'unscannable', `unsupported format: image/${family}`)

  // TODO: A TIFF's strips may sit anywhere in the file, so no end can be told and data appended
  // to a TIFF is not looked for; its tags are read (TIFF is the structure EXIF borrows). WebP,
  // HEIC, BMP and ICO are not walked at all: they stay `unsupported format` without metadata
  // or appended data, which policy does not hold on.
  if (family === 'tiff') {
    await readPieces(s, node.id, [{ kind: 'exif', bytes: node.bytes }])
    return
  }

  const layout = layoutOfImage(node.bytes, family)
  await readPieces(s, node.id, layout.pieces)

  if (layout.end.kind === 'end') await readAppendedData(s, node, layout.end.at, family)
  if (layout.end.kind === 'corrupt') {
    s.flag(`${node.id}/appended`, 'unscannable', `${family}: corrupt structure`)
  }
}

async function readPieces(
  s: ExtractSession,
  id: string,
  pieces: readonly MetadataPiece[],
): Promise<void> {
  const metadataId = `${id}/metadata`
  const texts: string[] = []

  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        texts.push(piece.text)
        break
      case 'exif': {
        const exif = textsOfExif(piece.bytes)
        texts.push(...exif.texts)
        if (exif.isCut) s.flag(metadataId, 'unscannable', 'image: more than 1 MiB of EXIF values')
        break
      }
      case 'iptc':
        texts.push(...textsOfIptc(piece.bytes))
        break
      case 'deflated': {
        const text = await inflateText(s, metadataId, piece.bytes, piece.utf8)
        if (text !== undefined) texts.push(`${piece.label}: ${text}`)
        break
      }
      default:
        assertNever(piece)
    }
  }

  s.addText(metadataId, texts.join('\n'))
}

/** A zTXt/iTXt text, inflated with the same ratio and budget caps as archive entries. */
async function inflateText(
  s: ExtractSession,
  id: string,
  bytes: Buffer,
  isUtf8: boolean,
): Promise<string | undefined> {
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, bytes.length * s.limits.maxRatio)
  const room = s.inflatedRoom()

  try {
    const inflated = await inflateAsync(bytes, {
      maxOutputLength: Math.max(1, Math.min(ratioCap, room)),
    })
    s.chargeInflated(inflated.length)
    return inflated.toString(isUtf8 ? 'utf8' : 'latin1')
  } catch (error) {
    // Over a cap, or corrupt: the metadata is reported with the limit or the damage named,
    // and the rest of the image is still read.
    const limit =
      ratioCap <= room
        ? `maxRatio ${s.limits.maxRatio}`
        : `maxInflatedBytes ${inflatedBudgetOf(s.limits)}`
    const reason =
      error instanceof RangeError
        ? `limit: ${limit} exceeded`
        : `png: corrupt text chunk (${errorName(error)})`
    s.flag(id, 'unscannable', reason)
    return undefined
  }
}

// Only the kind is named: a piece holds message content, which errors never carry.
function assertNever(value: never): never {
  throw new Error(`unhandled metadata piece ${(value as { kind: string }).kind}`)
}

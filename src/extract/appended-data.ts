// Data outside a file's own structure that its readers ignore: bytes after an image's end
// marker or a PDF's last %%EOF (the ZIP of a PNG/ZIP polyglot, which `unzip` finds from the
// end; text; another file), and bytes before a PDF's "%PDF-" header. They are read as a blob
// of their own, or reported when they are of no known kind.
import type { ExtractNode, ExtractSession } from './session.js'
import { sniffType } from './sniff-type.js'

// Prevents a photo whose encoder left a few stray bytes after its end from being held: fewer
// than 8 bytes hold no container (a ZIP local header alone is 30) and no value mailward looks
// for (a card number is 13 or more characters, 7 bytes even packed as BCD).
const MIN_EXTRA_BYTES = 8

/**
 * Read what `node` holds past offset `end`, as the member `<id>/appended`, one level deeper.
 * Padding (NUL, 0xFF, white space) is not data. Bytes of no known kind are UNSCANNABLE with
 * `<format>: unknown data after the end of the file`, a reason policy does not ignore as it
 * ignores pictures: whatever is hidden there is not a picture.
 *
 * @example
 * await readAppendedData(s, node, iendOffset + 12, 'png') // reads the appended ZIP
 */
export async function readAppendedData(
  s: ExtractSession,
  node: ExtractNode,
  end: number,
  format: string,
): Promise<void> {
  const extra = node.bytes.subarray(end)
  await readExtraBytes(
    s,
    node,
    extra,
    `${node.id}/appended`,
    `${format}: unknown data after the end of the file`,
  )
}

/** The same for bytes before the start of the file (`<id>/prepended`). */
export async function readPrependedData(
  s: ExtractSession,
  node: ExtractNode,
  start: number,
  format: string,
): Promise<void> {
  const extra = node.bytes.subarray(0, start)
  await readExtraBytes(
    s,
    node,
    extra,
    `${node.id}/prepended`,
    `${format}: unknown data before the start of the file`,
  )
}

// TODO: A polyglot whose ZIP offsets were rewritten to count from the start of the whole file
// (`zip -A`) does not open from the appended bytes alone; it is reported `zip: corrupt
// archive`, which the default policy holds, rather than read.
async function readExtraBytes(
  s: ExtractSession,
  node: ExtractNode,
  extra: Buffer,
  id: string,
  unknownReason: string,
): Promise<void> {
  if (extra.length < MIN_EXTRA_BYTES || isPadding(extra)) return

  if (sniffType(extra).mime === 'unknown') {
    s.flag(id, 'unscannable', unknownReason)
    return
  }

  await s.readNested({ id, bytes: extra, filename: undefined, depth: node.depth + 1 })
}

function isPadding(bytes: Buffer): boolean {
  return bytes.every((b) => b === 0x00 || b === 0xff || b === 0x20 || (b >= 0x09 && b <= 0x0d))
}

// Regression: pictures were reported "unsupported format" and nothing more, so a card in a PNG
// text chunk, a JPEG comment or EXIF field, or in a ZIP appended to the picture (a polyglot
// `unzip -p` opens) was delivered. Base pictures: real files from the shared corpus (see
// test/fixtures/extract/README.md); what is added to them is built here.
import { crc32, deflateSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { fixtureBytes } from './case-message.js'
import { layoutOfImage } from './image-layout.js'
import { textsOfExif } from './image-text.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'

const CARD = 'card 4111 1111 1111 1111'

async function extractFile(bytes: Buffer, filename: string) {
  return extractText(messageOf({ content: bytes, filename }), defaultExtractLimits)
}

function reasonsOf(result: Awaited<ReturnType<typeof extractFile>>): [string, string][] {
  return result.findings.map((f) => [f.partId, f.reason ?? ''])
}

/** A PNG chunk: length, type, data, CRC over type and data (ISO/IEC 15948 §5.3). */
function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** `png` with `chunk` put just before its IEND chunk (the last 12 bytes). */
function withChunk(png: Buffer, chunk: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, png.length - 12), chunk, png.subarray(png.length - 12)])
}

/** `jpeg` with a marker segment put right after SOI. */
function withSegment(jpeg: Buffer, marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0])
  head.writeUInt16BE(data.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), head, data, jpeg.subarray(2)])
}

/**
 * A little-endian EXIF block (CIPA DC-008): IFD0 with ImageDescription and the Exif IFD
 * pointer, the Exif IFD with UserComment ("ASCII\0\0\0" code).
 */
function exifBlock(description: string, userComment: string): Buffer {
  const entry = (tag: number, type: number, count: number, value: number): Buffer => {
    const b = Buffer.alloc(12)
    b.writeUInt16LE(tag, 0)
    b.writeUInt16LE(type, 2)
    b.writeUInt32LE(count, 4)
    b.writeUInt32LE(value, 8)
    return b
  }
  const descriptionBytes = Buffer.from(`${description}\0`, 'latin1')
  const commentBytes = Buffer.concat([Buffer.from('ASCII\0\0\0'), Buffer.from(userComment)])
  const ifd0At = 8
  const exifIfdAt = ifd0At + 2 + 2 * 12 + 4
  const descriptionAt = exifIfdAt + 2 + 12 + 4
  const commentAt = descriptionAt + descriptionBytes.length
  const u16 = (n: number): Buffer => Buffer.from([n & 0xff, n >> 8])

  return Buffer.concat([
    Buffer.from('II*\0\x08\0\0\0', 'latin1'),
    u16(2),
    entry(0x010e, 2, descriptionBytes.length, descriptionAt),
    entry(0x8769, 4, 1, exifIfdAt),
    Buffer.alloc(4),
    u16(1),
    entry(0x9286, 7, commentBytes.length, commentAt),
    Buffer.alloc(4),
    descriptionBytes,
    commentBytes,
  ])
}

describe('pictures with data appended after their end', () => {
  it.each([
    ['PNG', 'nodemailer-image.png'],
    ['JPEG', 'letters-inline.jpg'],
    ['GIF', 'mimetorture-dot.gif'],
  ])('reads the ZIP appended to a %s (a polyglot) and finds the card in it', async (_, name) => {
    const polyglot = Buffer.concat([await fixtureBytes(name), await fixtureBytes('card-note.zip')])

    const result = await extractFile(polyglot, name)

    expect(allText(result)).toContain(CARD)
    expect(result.parts.map((p) => [p.partId, p.detectedType])).toContainEqual([
      '1/appended/note.txt',
      'text/plain',
    ])
  })

  it('scans text appended after a picture as text', async () => {
    const png = Buffer.concat([await fixtureBytes('nodemailer-image.png'), Buffer.from(CARD)])

    const result = await extractFile(png, 'a.png')

    expect(result.texts).toContainEqual({ partId: '1/appended', origin: 'attachment', text: CARD })
  })

  it('reports binary data of no known kind after a picture, with a reason policy holds on', async () => {
    const noise = Buffer.from([...Array(64).keys()].map((i) => (i * 73 + 5) % 256))
    const png = Buffer.concat([await fixtureBytes('nodemailer-image.png'), noise])

    const result = await extractFile(png, 'a.png')

    expect(reasonsOf(result)).toEqual([
      ['1', 'unsupported format: image/png'],
      ['1/appended', 'png: unknown data after the end of the file'],
    ])
  })

  it('passes over padding and a few stray bytes after the end', async () => {
    const jpeg = Buffer.concat([await fixtureBytes('letters-inline.jpg'), Buffer.from('\r\n\0\0x')])

    const result = await extractFile(jpeg, 'a.jpg')

    expect(reasonsOf(result)).toEqual([['1', 'unsupported format: image/jpeg']])
  })
})

describe('text in picture metadata', () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1')

  it.each([
    ['tEXt', pngChunk('tEXt', latin1(`Comment\0${CARD}`))],
    ['zTXt', pngChunk('zTXt', Buffer.concat([latin1('Comment\0\0'), deflateSync(CARD)]))],
    ['iTXt', pngChunk('iTXt', Buffer.concat([latin1('Comment\0\0\0en\0\0'), Buffer.from(CARD)]))],
    [
      'compressed iTXt',
      pngChunk('iTXt', Buffer.concat([latin1('Comment\0\x01\0\0\0'), deflateSync(CARD)])),
    ],
  ])('reads a card in a PNG %s chunk', async (_, chunk) => {
    const png = withChunk(await fixtureBytes('nodemailer-image.png'), chunk)

    const result = await extractFile(png, 'a.png')

    expect(result.texts).toContainEqual({
      partId: '1/metadata',
      origin: 'attachment',
      text: `Comment: ${CARD}`,
    })
    expect(reasonsOf(result)).toEqual([['1', 'unsupported format: image/png']])
  })

  it('reads a card in a JPEG comment (COM) segment', async () => {
    const jpeg = withSegment(await fixtureBytes('letters-inline.jpg'), 0xfe, Buffer.from(CARD))

    const result = await extractFile(jpeg, 'a.jpg')

    expect(allText(result)).toContain(CARD)
  })

  it('reads cards in EXIF ImageDescription and UserComment', async () => {
    const exif = Buffer.concat([
      Buffer.from('Exif\0\0', 'latin1'),
      exifBlock(CARD, 'card 5555 5555 5555 4444'),
    ])
    const jpeg = withSegment(await fixtureBytes('letters-inline.jpg'), 0xe1, exif)

    const result = await extractFile(jpeg, 'a.jpg')

    const metadata = result.texts.find((t) => t.partId === '1/metadata')?.text
    expect(metadata).toBe(`${CARD}\ncard 5555 5555 5555 4444`)
  })

  it('reads XMP in a JPEG and a comment in a GIF', async () => {
    const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${CARD}</x:xmpmeta>`)
    const jpeg = withSegment(await fixtureBytes('letters-inline.jpg'), 0xe1, xmp)
    const gif = await fixtureBytes('mimetorture-dot.gif')
    const comment = Buffer.concat([Buffer.from([0x21, 0xfe, CARD.length]), Buffer.from(CARD)])
    const withComment = Buffer.concat([gif.subarray(0, -1), comment, Buffer.from([0, 0x3b])])

    expect(allText(await extractFile(jpeg, 'a.jpg'))).toContain(CARD)
    expect(allText(await extractFile(withComment, 'a.gif'))).toContain(CARD)
  })
})

describe('layoutOfImage', () => {
  it.each([
    ['nodemailer-image.png', 'png'],
    ['letters-inline.jpg', 'jpeg'],
    ['mimetorture-dot.gif', 'gif'],
  ] as const)('finds the exact end of %s', async (name, family) => {
    const bytes = await fixtureBytes(name)

    expect(layoutOfImage(bytes, family).end).toEqual({ kind: 'end', at: bytes.length })
  })

  it('says truncated, not corrupt, when the bytes stop inside the image', async () => {
    const bytes = await fixtureBytes('letters-inline.jpg')

    expect(layoutOfImage(bytes.subarray(0, 60), 'jpeg').end).toEqual({ kind: 'truncated' })
  })

  it('reads EXIF in either byte order', () => {
    // Big-endian ("MM"): IFD0 with one ImageDescription entry whose 4 bytes sit inline.
    const header = Buffer.from('MM\0*\0\0\0\x08\0\x01', 'latin1')
    const entry = Buffer.from([0x01, 0x0e, 0, 2, 0, 0, 0, 4, 0x4f, 0x4b, 0x21, 0])
    const bigEndian = Buffer.concat([header, entry, Buffer.alloc(4)])

    expect(textsOfExif(exifBlock('Holiday', 'note')).texts).toEqual(['Holiday', 'note'])
    expect(textsOfExif(bigEndian).texts).toEqual(['OK!'])
  })
})

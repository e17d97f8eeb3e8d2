import { deflateRawSync, deflateSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { randomTexts } from '../detect/random-text-for-test.js'
import { corpusBytes } from './case-message.js'
import { encryptedPdf } from './encrypted-pdf-for-test.js'
import { lzwEncode } from './lzw-for-test.js'
import { checkPdfStreams } from './pdf-streams.js'

const MIB = 1024 * 1024
const CARD = 'card 4111 1111 1111 1111'
const caps = { totalBytes: 64 * MIB, maxRatio: 100, deadline: Number.POSITIVE_INFINITY }

/** A one-page PDF whose content stream is `content` and whose picture stream is `picture`. */
function pdfOf(content: Buffer, picture?: { dictionary: string; data: Buffer }): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')]
  const object = (n: number, text: string) =>
    parts.push(Buffer.from(`${n} 0 obj\n${text}\nendobj\n`))
  const stream = (n: number, dictionary: string, data: Buffer) =>
    parts.push(
      Buffer.from(`${n} 0 obj\n<<${dictionary}/Length ${data.length}>>\nstream\n`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    )

  object(1, '<</Type/Catalog/Pages 2 0 R>>')
  object(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>')
  object(
    3,
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R' +
      '/Resources<</Font<</F1 5 0 R>>/XObject<</Im1 6 0 R>>>>>>',
  )
  stream(4, '/Filter/FlateDecode', deflateSync(content))
  object(5, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>')
  if (picture !== undefined) stream(6, picture.dictionary, picture.data)
  parts.push(Buffer.from('trailer\n<</Root 1 0 R>>\n%%EOF\n'))
  return Buffer.concat(parts)
}

const textShowing = (text: string) => Buffer.from(`BT /F1 12 Tf 10 100 Td (${text}) Tj ET\n`)
const padded = (text: string, bytes: number) =>
  Buffer.concat([textShowing(text), Buffer.alloc(bytes, 0x20)])

describe('the PDF stream check', () => {
  it('counts what an ordinary PDF inflates to', async () => {
    const check = await checkPdfStreams(pdfOf(textShowing(CARD)), caps)

    expect(check).toEqual({ over: undefined, inflated: textShowing(CARD).length })
  })

  it('stops a content stream that expands past the ratio limit', async () => {
    // 32 MiB of spaces deflate to about 32 KiB: a thousandfold.
    const check = await checkPdfStreams(pdfOf(padded(CARD, 32 * MIB)), caps)

    expect(check.over).toBe('ratio')
  })

  it('stops streams that inflate past the bytes left in the budget', async () => {
    const check = await checkPdfStreams(pdfOf(padded(CARD, 2 * MIB)), {
      ...caps,
      totalBytes: MIB,
      maxRatio: 10_000,
    })

    expect(check.over).toBe('total')
  })

  it('counts a truncated bomb by what it inflates to before the damage', async () => {
    const pdf = pdfOf(padded(CARD, 32 * MIB))
    // Cut the compressed data's last bytes (its end and checksum) off in place.
    const end = pdf.indexOf('\nendstream')
    pdf.fill(0xff, end - 8, end)

    expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
  })

  it('passes over pictures, which reading text never decodes', async () => {
    const flat = deflateSync(Buffer.alloc(32 * MIB))
    const pdf = pdfOf(textShowing(CARD), {
      dictionary: '/Type/XObject/Subtype/Im#61ge/Width 4096/Height 8192/BitsPerComponent 8',
      data: flat,
    })

    expect(await checkPdfStreams(pdf, caps)).toMatchObject({ over: undefined })
  })

  it("stops at the part's time limit on a file of many damaged streams", async () => {
    // A zlib header, then nothing zlib can read: each takes the slow, counted path.
    const damaged = Buffer.from('<<>>stream\n\x78\x9c\xff\xff\nendstream\n', 'latin1')
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), ...Array<Buffer>(1000).fill(damaged)])

    const check = await checkPdfStreams(pdf, { ...caps, deadline: Date.now() - 1 })

    expect(check.over).toBe('time')
  })

  // Regressions from an attack run: each of these PDFs had an engine inflate 0.3–1 GiB.
  describe('bombs the engines read and the check once passed over', () => {
    const bomb = pdfOf(padded(CARD, 32 * MIB))
    const rewritten = (from: string, to: string) =>
      Buffer.from(bomb.toString('latin1').replace(from, to), 'latin1')

    it.each([
      ['spaces after the stream keyword', rewritten('>>\nstream\n', '>>\nstream  \n')],
      ['a comment before the stream keyword', rewritten('>>\nstream\n', '>>\n%c\nstream\n')],
      ['a string holding ">>" in the dictionary', rewritten('<</Filter', '<</X(>>)/Filter')],
    ])('%s', async (_, pdf) => {
      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })

    it.each([
      ['directly', (pdf: string) => pdf],
      ['in an array', (pdf: string) => pdf.replace('/Contents 4 0 R', '/Contents[4 0 R]')],
      [
        'in an array held in another object',
        (pdf: string) =>
          pdf
            .replace('/Contents 4 0 R', '/Contents 9 0 R')
            .replace('trailer', '9 0 obj\n[4 0 R]\nendobj\ntrailer'),
      ],
    ])('a page content stream that calls itself a picture, named %s', async (_, name) => {
      const disguised = rewritten('4 0 obj\n<<', '4 0 obj\n<</Subtype/Image')
      const pdf = Buffer.from(name(disguised.toString('latin1')), 'latin1')

      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })

    it('two Flate layers', async () => {
      const twice = deflateSync(deflateSync(padded(CARD, 32 * MIB)))
      const pdf = Buffer.concat([
        Buffer.from(
          `%PDF-1.4\n4 0 obj\n<</Filter[/FlateDecode/FlateDecode]/Length ${twice.length}>>\nstream\n`,
        ),
        twice,
        Buffer.from('\nendstream\nendobj\n'),
      ])

      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })

    it('"endstream" written inside the compressed data', async () => {
      // A stored (uncompressed) deflate block holding the word, then the bomb.
      const word = Buffer.from('%endstream\n')
      const stored = Buffer.concat([
        Buffer.from([0x00, word.length, 0x00, ~word.length & 0xff, 0xff]),
        word,
      ])
      const data = Buffer.concat([
        Buffer.from([0x78, 0x01]),
        stored,
        deflateRawSync(padded(CARD, 32 * MIB)),
      ])
      const pdf = Buffer.concat([
        Buffer.from(`%PDF-1.4\n4 0 obj\n<</Filter/FlateDecode/Length ${data.length}>>\nstream\n`),
        data,
        Buffer.from('\nendstream\nendobj\n'),
      ])

      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })
  })

  it('holds cross-reference streams to the total, not to the ratio', async () => {
    // Predictor rows of a cross-reference stream are nearly all zeros: a few hundredfold.
    const rows = deflateSync(Buffer.alloc(2 * MIB))
    const pdf = Buffer.concat([
      Buffer.from(
        `%PDF-1.5\n9 0 obj\n<</Type/XRef/Filter/FlateDecode/Length ${rows.length}>>\nstream\n`,
      ),
      rows,
      Buffer.from('\nendstream\nendobj\n'),
    ])

    expect(await checkPdfStreams(pdf, caps)).toEqual({ over: undefined, inflated: 2 * MIB })
    expect((await checkPdfStreams(pdf, { ...caps, totalBytes: MIB })).over).toBe('total')
  })

  it('checks a stream by its bytes whatever its filter is called', async () => {
    const pdf = pdfOf(padded(CARD, 32 * MIB))
    const renamed = Buffer.from(
      pdf.toString('latin1').replace('/FlateDecode', '/Fl#61teDecode'),
      'latin1',
    )

    expect((await checkPdfStreams(renamed, caps)).over).toBe('ratio')
  })
})

describe('a PDF over a limit', () => {
  it('is UNSCANNABLE with the limit named, and the rest of the message is read', async () => {
    const message = messageOf(
      { content: pdfOf(padded('bomb', 32 * MIB)), filename: 'bomb.pdf' },
      { content: pdfOf(textShowing(CARD)), filename: 'after.pdf' },
    )

    const result = await extractText(message, defaultExtractLimits)

    expect(result.findings.map((f) => [f.category, f.partId, f.reason])).toEqual([
      ['UNSCANNABLE', '1', `limit: maxRatio ${defaultExtractLimits.maxRatio} exceeded`],
    ])
    expect(allText(result)).toContain(CARD)
  })
})

describe('streams under other filters', () => {
  const bombText = padded(CARD, 32 * MIB)
  const streamPdf = (dictionary: string, data: Buffer, extra = '') =>
    Buffer.concat([
      Buffer.from(`%PDF-1.4\n${extra}4 0 obj\n<<${dictionary}/Length ${data.length}>>\nstream\n`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    ])

  it.each([
    [
      'ASCIIHex',
      '/Filter[/ASCIIHexDecode/FlateDecode]',
      deflateSync(bombText).toString('hex') + '>',
    ],
    ['ASCII85', '/Filter[/A85/FlateDecode]', `${ascii85(deflateSync(bombText))}~>`],
  ])('takes %s armour off a Flate bomb', async (_, dictionary, armoured) => {
    const pdf = streamPdf(dictionary, Buffer.from(armoured, 'latin1'))

    expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
  })

  // Regressions from a second attack run: each of these had an engine decode 0.3–1 GiB.
  describe('filter tricks the check once passed over', () => {
    const flate = deflateSync(bombText)
    const hex = (data: Buffer) => Buffer.from(data.toString('hex'), 'latin1')
    it.each([
      ['hex armour without its end mark', '/Filter[/AHx/Fl]', () => hex(flate)],
      [
        'hex armour with a stray character',
        '/Filter[/ASCIIHexDecode/FlateDecode]',
        () =>
          Buffer.concat([hex(flate.subarray(0, 10)), Buffer.from('x'), hex(flate.subarray(10))]),
      ],
      ['ASCII85 without its end mark', '/Filter[/A85/Fl]', () => Buffer.from(ascii85(flate))],
      [
        'hex armour around ASCII85',
        '/Filter[/AHx/A85/Fl]',
        () => hex(Buffer.from(`${ascii85(flate)}~>`)),
      ],
      [
        'two Flate layers, the outer checksum damaged',
        '/Filter[/Fl/Fl]',
        () => {
          const twice = deflateSync(deflateSync(bombText))
          return twice.fill(0xff, twice.length - 4)
        },
      ],
      [
        'Flate, then run-length coding',
        '/Filter[/FlateDecode/RunLengthDecode]',
        () => {
          const runs = Buffer.alloc(2 * 256 * 1024 + 1, 0x41)
          for (let at = 0; at < runs.length - 1; at += 2) runs[at] = 129
          runs[runs.length - 1] = 128
          return deflateSync(runs)
        },
      ],
      [
        'LZW, then Flate',
        '/Filter[/LZWDecode/FlateDecode]',
        () => lzwEncode(deflateSync(padded(CARD, 4 * MIB))),
      ],
      [
        'Flate, then LZW',
        '/Filter[/FlateDecode/LZWDecode]',
        () => deflateSync(lzwEncode(Buffer.alloc(2 * MIB, 0x20))),
      ],
    ])('%s', async (_, dictionary, data) => {
      expect((await checkPdfStreams(streamPdf(dictionary, data()), caps)).over).not.toBeUndefined()
    })

    it('zlib data whose first bytes read as ASCII85 armour', async () => {
      // A zlib header, then a stored block whose length bytes are "~>": as ASCII85, "hC~>".
      const stored = Buffer.alloc(0x3e7e, 0x20)
      const data = Buffer.concat([
        Buffer.from([0x68, 0x43, 0x00, 0x7e, 0x3e, ~0x7e & 0xff, ~0x3e & 0xff]),
        stored,
        deflateRawSync(bombText),
      ])

      const check = await checkPdfStreams(streamPdf('/Filter/FlateDecode', data), caps)

      expect(check.over).toBe('ratio')
    })

    it.each([
      ['in an array of references', '/Filter[6 0 R]', '6 0 obj\n/LZWDecode\nendobj\n'],
      ['two references deep', '/Filter 6 0 R', '6 0 obj\n7 0 R\nendobj\n7 0 obj\n[/LZW]\nendobj\n'],
      [
        'past 1,024 characters of another object',
        '/Filter 6 0 R',
        `6 0 obj\n${' '.repeat(2000)}[/LZWDecode]\nendobj\n`,
      ],
    ])('an LZW filter named %s', async (_, dictionary, extra) => {
      const lzw = lzwEncode(Buffer.alloc(2 * MIB, 0x20))

      expect((await checkPdfStreams(streamPdf(dictionary, lzw, extra), caps)).over).toBe('ratio')
    })

    it('LZW with /EarlyChange 0 written as 0.0', async () => {
      const lzw = lzwEncode(Buffer.alloc(2 * MIB, 0x20))
      const pdf = streamPdf('/Filter/LZWDecode/DecodeParms<</EarlyChange 0.0>>', lzw)

      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })

    it('a comment between the dictionary and the stream keyword', async () => {
      const lzw = lzwEncode(Buffer.alloc(2 * MIB, 0x20))
      const pdf = Buffer.from(
        streamPdf('/Filter/LZWDecode', lzw)
          .toString('latin1')
          .replace('>>\nstream', '>>%c\nstream'),
        'latin1',
      )

      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    })

    it('reads a long hex stream whole, counting what it decodes to', async () => {
      // 40 MB of hex digits, nothing compressed: an earlier decoder built a string a character
      // at a time and ran out of memory on 45 MB (its figures are in docs/extraction.md).
      const digits = Buffer.alloc(40 * 1000 * 1000, 0x61)
      const check = await checkPdfStreams(streamPdf('/Filter/ASCIIHexDecode', digits), {
        ...caps,
        deadline: Date.now() + 60_000,
      })

      expect(check).toEqual({ over: undefined, inflated: 20 * 1000 * 1000 })
    })
  })

  it('counts LZW data, also where its filter is named in another object', async () => {
    const lzw = lzwEncode(Buffer.alloc(2 * MIB, 0x20))

    expect((await checkPdfStreams(streamPdf('/Filter/LZWDecode', lzw), caps)).over).toBe('ratio')
    const held = streamPdf('/Filter 7 0 R', lzw, '7 0 obj\n[/LZWDecode]\nendobj\n')
    expect((await checkPdfStreams(held, caps)).over).toBe('ratio')
  })

  it('counts run-length data against the total', async () => {
    // 128 copies of a space per two bytes: 64-fold, under the ratio, over a 1 MiB budget.
    const runs = Buffer.alloc(64 * 1024 + 1, 0x20)
    for (let at = 0; at < runs.length - 1; at += 2) runs[at] = 129
    runs[runs.length - 1] = 128 // the end mark
    const pdf = streamPdf('/Filter/RunLengthDecode', runs)

    expect(await checkPdfStreams(pdf, { ...caps, totalBytes: 8 * MIB })).toEqual({
      over: undefined,
      inflated: 4 * MIB,
    })
    expect((await checkPdfStreams(pdf, { ...caps, totalBytes: MIB })).over).toBe('total')
  })

  it('reads the text of an LZW content stream, as the engines decode it', async () => {
    // Long enough that the table passes 512, 1024 and 2048 entries (code widths 10 to 12) and
    // is cleared: the card at the end is read only if every width agrees with the engines'.
    // Lines of 60 characters: text drawn past the page's edge is not read.
    const [words = ''] = randomTexts('abcdefgh ', 7, 1, 40_000)
    const lines = (words.match(/.{1,60}/g) ?? []).map((line) => `(${line}) Tj T*`).join('\n')
    const lzw = lzwEncode(Buffer.from(`BT /F1 8 Tf 10 TL 10 190 Td\n${lines}\n(${CARD}) Tj ET\n`))
    const pdf = Buffer.from(
      pdfOf(textShowing('placeholder'))
        .toString('latin1')
        .replace(
          /\/Filter\/FlateDecode\/Length \d+>>\nstream\n[\s\S]*?\nendstream/,
          () =>
            `/Filter/LZWDecode/Length ${lzw.length}>>\nstream\n${lzw.toString('latin1')}\nendstream`,
        ),
      'latin1',
    )
    const result = await extractText(
      messageOf({ content: pdf, filename: 'lzw.pdf' }),
      defaultExtractLimits,
    )

    expect(result.findings).toEqual([])
    expect(allText(result)).toContain(CARD)
  })
})

/** ASCII85 without PDF's end mark, for the tests (pdf-filters.test.ts checks the decoder). */
function ascii85(data: Buffer): string {
  let out = ''
  for (let at = 0; at < data.length; at += 4) {
    const group = Buffer.alloc(4)
    data.copy(group, 0, at, at + 4)
    const count = Math.min(4, data.length - at)
    let value = group.readUInt32BE(0)
    if (value === 0 && count === 4) {
      out += 'z'
      continue
    }
    const digits: string[] = []
    for (let i = 0; i < 5; i += 1) {
      digits.unshift(String.fromCharCode(0x21 + (value % 85)))
      value = Math.floor(value / 85)
    }
    out += digits.slice(0, count + 1).join('')
  }
  return out
}

describe('streams of a PDF encrypted with an empty user password', () => {
  // Regressions from an attack run: each hid the key from the check, not from the engines.
  const bomb = (method: 'rc4-128' | 'aes-128' | 'aes-256') =>
    encryptedPdf(deflateSync(padded(CARD, 32 * MIB)), method).toString('latin1')
  it.each([
    [
      'a string holding ">>" in /Encrypt',
      (pdf: string) => pdf.replace('/Filter/Standard', '/Junk(>>)/Filter/Standard'),
    ],
    [
      'a long /Encrypt',
      (pdf: string) =>
        pdf.replace('/Filter/Standard', `/Junk(${'A'.repeat(5000)})/Filter/Standard`),
    ],
    [
      '"/Encrypt" and "/ID" in comments after the end',
      (pdf: string) => `${pdf}%/Encrypt 99 0 R\n%/ID[<00>]\n`,
    ],
    ['a #-escaped crypt filter name', (pdf: string) => pdf.replace('/StmF/StdCF', '/StmF/Std#43F')],
  ])('%s', async (_, change) => {
    for (const method of ['rc4-128', 'aes-128', 'aes-256'] as const) {
      const pdf = Buffer.from(change(bomb(method)), 'latin1')
      expect((await checkPdfStreams(pdf, caps)).over).toBe('ratio')
    }
  })

  it.each(['rc4-128', 'aes-128', 'aes-256'] as const)(
    '%s: the engines read it, and the check counts its plaintext',
    async (method) => {
      const readable = encryptedPdf(deflateSync(textShowing(CARD)), method)
      const result = await extractText(
        messageOf({ content: readable, filename: 'locked.pdf' }),
        defaultExtractLimits,
      )
      expect(result.findings).toEqual([])
      expect(allText(result)).toContain(CARD)
      expect(await checkPdfStreams(readable, caps)).toMatchObject({
        over: undefined,
        inflated: textShowing(CARD).length,
      })

      const bomb = encryptedPdf(deflateSync(padded(CARD, 32 * MIB)), method)
      expect((await checkPdfStreams(bomb, caps)).over).toBe('ratio')
    },
  )
})

it('leaves alone a PDF whose user password is not empty (the engines do not open it)', async () => {
  const locked = await corpusBytes(
    'pypdfsamples__005-libreoffice-writer-password_libreoffice-writer-password.pdf',
  )

  expect((await checkPdfStreams(locked, caps)).over).toBeUndefined()
})

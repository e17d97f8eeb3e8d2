import CFB from 'cfb'
import { describe, expect, it } from 'vitest'

import { corpusBytes } from './case-message.js'
import { defaultExtractLimits, extractText } from './index.js'
import { allText, messageOf } from './message-for-test.js'
import { readOleProperties } from './ole-properties.js'

const LABEL = '3de9faa6-9fe1-49b3-9a08-227a296b54a6'

/** A property set (MS-OLEPS §2.20) of 8-bit strings in code page 1252, with a dictionary. */
function propertySet(properties: readonly (readonly [number, string, string?])[]): Buffer {
  const values: Buffer[] = []
  const entries: [number, Buffer][] = []
  const dictionary: Buffer[] = []

  const codepage = Buffer.alloc(8)
  codepage.writeUInt16LE(0x02, 0)
  codepage.writeUInt16LE(1252, 4)
  entries.push([1, codepage])

  for (const [id, value, name] of properties) {
    const text = Buffer.from(`${value}\0`, 'latin1')
    const head = Buffer.alloc(8)
    head.writeUInt16LE(0x1e, 0)
    head.writeUInt32LE(text.length, 4)
    entries.push([id, Buffer.concat([head, text, Buffer.alloc((4 - (text.length % 4)) % 4)])])
    if (name !== undefined) {
      const bytes = Buffer.from(`${name}\0`, 'latin1')
      const entry = Buffer.alloc(8)
      entry.writeUInt32LE(id, 0)
      entry.writeUInt32LE(bytes.length, 4)
      dictionary.push(entry, bytes)
    }
  }
  if (dictionary.length > 0) {
    const count = Buffer.alloc(4)
    count.writeUInt32LE(dictionary.length / 2, 0)
    const body = Buffer.concat([count, ...dictionary])
    entries.unshift([0, Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)])])
  }

  const table = Buffer.alloc(8 + entries.length * 8)
  let offset = table.length
  entries.forEach(([id, value], i) => {
    table.writeUInt32LE(id, 8 + i * 8)
    table.writeUInt32LE(offset, 12 + i * 8)
    offset += value.length
    values.push(value)
  })
  table.writeUInt32LE(offset, 0)
  table.writeUInt32LE(entries.length, 4)
  return Buffer.concat([table, ...values])
}

/** A property set stream (§2.21) holding `sets`. */
function propertyStream(...sets: Buffer[]): Buffer {
  const header = Buffer.alloc(28 + sets.length * 20)
  header.writeUInt16LE(0xfffe, 0)
  header.writeUInt32LE(sets.length, 24)
  let offset = header.length
  sets.forEach((set, i) => {
    header.writeUInt32LE(offset, 28 + i * 20 + 16)
    offset += set.length
  })
  return Buffer.concat([header, ...sets])
}

describe('readOleProperties', () => {
  it('reads string values and names user-defined ones from the dictionary', () => {
    const stream = propertyStream(
      propertySet([[15, 'Example Ltd']]),
      propertySet([[2, 'Finance', 'Department']]),
    )

    expect(readOleProperties(stream)).toEqual({
      values: ['Example Ltd', 'Finance'],
      named: [['Department', 'Finance']],
    })
  })

  it('gives nothing for a stream that is not a property set', () => {
    expect(readOleProperties(Buffer.from('not a property set stream at all, really not'))).toEqual({
      values: [],
      named: [],
    })
  })
})

describe('properties of legacy Office files', () => {
  it('reads the summary of a Word 97 document written by Word', async () => {
    const content = await corpusBytes('zbateson__test.doc')

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    expect(allText(result)).toContain('Microsoft Office Word')
  })

  it('reads a Purview label kept as user-defined properties', async () => {
    const summary = propertyStream(propertySet([[2, 'Payroll 4111 1111 1111 1111']]))
    const document = propertyStream(
      propertySet([[15, 'Example Ltd']]),
      propertySet([
        [2, 'true', `MSIP_Label_${LABEL}_Enabled`],
        [3, 'Confidential', `MSIP_Label_${LABEL}_Name`],
      ]),
    )
    const cfb = CFB.utils.cfb_new()
    CFB.utils.cfb_add(cfb, 'Workbook', Buffer.from([0x09, 0x08, 0x02, 0x00, 0x00, 0x06]))
    CFB.utils.cfb_add(cfb, '\u0005SummaryInformation', summary)
    CFB.utils.cfb_add(cfb, '\u0005DocumentSummaryInformation', document)
    const content = Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array)

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    expect(allText(result)).toContain('Payroll 4111 1111 1111 1111')
    expect(result.labels).toEqual([
      expect.objectContaining({ partId: '1', id: LABEL, name: 'Confidential', enabled: true }),
    ])
  })
})

describe('labels of encrypted Office files', () => {
  it('reads the LabelInfo stream of \\x06DataSpaces\\TransformInfo without the password', async () => {
    const labelInfo =
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList ' +
      'xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">' +
      `<clbl:label id="{${LABEL}}" enabled="1" method="Privileged" siteId="{72f988bf-86f1-41af-91ab-2d7cd011db47}" removed="0"/>` +
      '</clbl:labelList>'
    const cfb = CFB.utils.cfb_new()
    CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(64, 1))
    CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(512, 2))
    CFB.utils.cfb_add(cfb, '\u0006DataSpaces/TransformInfo/LabelInfo', Buffer.from(labelInfo))
    const content = Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array)

    const result = await extractText(messageOf({ content }), defaultExtractLimits)

    expect(result.findings.map((f) => f.category)).toEqual(['ENCRYPTED_CONTENT'])
    expect(result.labels).toEqual([
      expect.objectContaining({ id: LABEL, method: 'Privileged', source: 'DataSpaces/LabelInfo' }),
    ])
  })
})

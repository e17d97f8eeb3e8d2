import { describe, expect, it } from 'vitest'

import { defaultExtractLimits, extractText } from './index.js'
import { messageOf } from './message-for-test.js'
import { labelsFromMsipHeader, nameLabels } from './office-labels.js'

const ID = 'd4243a53-6221-4f75-8154-e4b33a5707a1'
const SITE = '3dd8961f-e488-4e60-8e11-a82d994e183d'

describe('labelsFromMsipHeader', () => {
  // Shapes seen in mail leaving Exchange Online (M365.md §7.1), after RFC 5322 unfolding.
  it.each([
    [
      'older order, Enabled first',
      `MSIP_Label_${ID}_Enabled=true; MSIP_Label_${ID}_SetDate=2022-01-19T10:08:26Z; ` +
        `MSIP_Label_${ID}_Method=Standard; MSIP_Label_${ID}_Name=Public-AIP 2.0; ` +
        `MSIP_Label_${ID}_SiteId=${SITE};`,
      'Standard',
    ],
    [
      'newer order, alphabetical, no spaces',
      `MSIP_Label_${ID}_ActionId=b9b78dfd-05d7-48f6-b71d-0a481ed475e2;MSIP_Label_${ID}_ContentBits=0;` +
        `MSIP_Label_${ID}_Enabled=True;MSIP_Label_${ID}_Method=Privileged;` +
        `MSIP_Label_${ID}_Name=Public-AIP 2.0;MSIP_Label_${ID}_SiteId=${SITE}`,
      'Privileged',
    ],
    [
      'a fold inside a key',
      `MSIP_Label_${ID}_Enabled=true; MSIP_Label_${ID}_Na me=Public-AIP 2.0; ` +
        `MSIP_Label_${ID.toUpperCase()}_SiteId=${SITE}; MSIP_Label_${ID}_Method=Standard`,
      'Standard',
    ],
  ])('reads %s', (_label, header, method) => {
    expect(labelsFromMsipHeader(header)).toEqual([
      {
        partId: '0',
        id: ID,
        name: 'Public-AIP 2.0',
        siteId: SITE,
        enabled: true,
        method,
        source: 'msip_labels',
      },
    ])
  })

  it('gives nothing for an absent or empty header', () => {
    expect(labelsFromMsipHeader(undefined)).toEqual([])
    expect(labelsFromMsipHeader('')).toEqual([])
  })
})

describe('nameLabels', () => {
  it('names a LabelInfo label from another label with the same GUID', () => {
    const named = nameLabels([
      { partId: '2', id: ID, enabled: true, source: 'docMetadata/LabelInfo.xml' },
      { partId: '0', id: ID, name: 'General', enabled: true, source: 'msip_labels' },
    ])

    expect(named.map((l) => [l.partId, l.name])).toEqual([
      ['2', 'General'],
      ['0', 'General'],
    ])
  })
})

describe('labels of a message', () => {
  it('puts the header label first, as part "0"', async () => {
    const message = messageOf({ content: Buffer.from('hello') })
    const labelled = {
      ...message,
      headers: {
        ...message.headers,
        msipLabels: `MSIP_Label_${ID}_Enabled=true; MSIP_Label_${ID}_Name=General`,
      },
    }

    const result = await extractText(labelled, defaultExtractLimits)

    expect(result.labels).toEqual([
      expect.objectContaining({ partId: '0', id: ID, name: 'General' }),
    ])
  })
})

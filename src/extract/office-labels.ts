// Microsoft Purview sensitivity labels: the msip_labels mail header (M365.md §7.1) and labels
// stored inside Office files (§7.2).
import { decodeEntities } from './html-text.js'
import type { SensitivityLabel } from './types.js'

// docProps/custom.xml: <property name="MSIP_Label_<guid>_<Attr>"><vt:lpwstr>value</vt:lpwstr>
const CUSTOM_PROPERTY =
  /<(?:\w+:)?property\b[^>]*\bname="MSIP_Label_([0-9a-fA-F-]{36})_(\w+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?property>/g

const TAG = /<[^>]*>/g

/** Labels from `docProps/custom.xml` custom properties. */
export function labelsFromCustomXml(xml: string, partId: string): SensitivityLabel[] {
  const properties = [...xml.matchAll(CUSTOM_PROPERTY)].map((m): [string, string] => [
    `MSIP_Label_${m[1] ?? ''}_${m[2] ?? ''}`,
    decodeEntities((m[3] ?? '').replace(TAG, '')).trim(),
  ])

  return labelsFromProperties(properties, partId, 'docProps/custom.xml')
}

const LABEL_KEY = /^MSIP_Label_([0-9a-fA-F-]{36})_(\w+)$/

/** Labels from `MSIP_Label_<GUID>_<Attr>` key/value pairs (custom.xml, a PDF's Info dictionary). */
export function labelsFromProperties(
  properties: readonly (readonly [string, string])[],
  partId: string,
  source: SensitivityLabel['source'],
): SensitivityLabel[] {
  const byId = new Map<string, Map<string, string>>()

  for (const [key, value] of properties) {
    const m = LABEL_KEY.exec(key)
    if (m === null) continue

    const id = (m[1] ?? '').toLowerCase()
    const attributes = byId.get(id) ?? new Map<string, string>()
    attributes.set((m[2] ?? '').toLowerCase(), value)
    byId.set(id, attributes)
  }

  return [...byId].map(([id, a]) => ({
    partId,
    id,
    name: a.get('name'),
    siteId: bareGuid(a.get('siteid')),
    enabled: (a.get('enabled') ?? '').toLowerCase() === 'true',
    method: a.get('method'),
    source,
  }))
}

const LABEL_ELEMENT = /<(?:\w+:)?label\b([^>]*)\/?>/g
const ATTRIBUTE = /([\w:]+)="([^"]*)"/g

/** Labels from `docMetadata/LabelInfo.xml` (MS-OFFCRYPTO §2.6.3); they carry no name. */
export function labelsFromLabelInfo(xml: string, partId: string): SensitivityLabel[] {
  const labels: SensitivityLabel[] = []

  for (const m of xml.matchAll(LABEL_ELEMENT)) {
    const a = new Map([...(m[1] ?? '').matchAll(ATTRIBUTE)].map((x) => [x[1] ?? '', x[2] ?? '']))
    const id = bareGuid(a.get('id'))
    if (id === undefined || a.get('removed') === '1') continue

    labels.push({
      partId,
      id,
      siteId: bareGuid(a.get('siteId')),
      enabled: a.get('enabled') === '1' || a.get('enabled') === 'true',
      method: a.get('method'),
      source: 'docMetadata/LabelInfo.xml',
    })
  }

  return labels
}

/** LabelInfo first; custom properties only for labels LabelInfo does not name (§2.6.3). */
export function mergeLabels(
  fromLabelInfo: readonly SensitivityLabel[],
  fromCustom: readonly SensitivityLabel[],
): SensitivityLabel[] {
  const custom = new Map(fromCustom.map((l) => [l.id, l]))
  const known = new Set(fromLabelInfo.map((l) => l.id))
  const named = fromLabelInfo.map((l) => ({ ...l, name: l.name ?? custom.get(l.id)?.name }))

  return [...named, ...fromCustom.filter((l) => !known.has(l.id))]
}

function bareGuid(value: string | undefined): string | undefined {
  const guid = value?.replace(/[{}]/g, '').trim().toLowerCase()
  return guid === undefined || guid.length === 0 ? undefined : guid
}

/**
 * Labels of the `msip_labels` header (M365.md §7.1): `;`-separated `MSIP_Label_<GUID>_<Attr>=`
 * pairs, one group per label, attributes in any order (older clients put Enabled first, newer
 * ones sort them). The value comes unfolded; a fold inside a key leaves a space, removed here.
 */
export function labelsFromMsipHeader(value: string | undefined): SensitivityLabel[] {
  if (value === undefined) return []

  const pairs = value.split(';').flatMap((pair): [string, string][] => {
    const equals = pair.indexOf('=')
    if (equals === -1) return []
    return [[pair.slice(0, equals).replace(/\s+/g, ''), pair.slice(equals + 1).trim()]]
  })

  return labelsFromProperties(pairs, '0', 'msip_labels')
}

/**
 * LabelInfo.xml stores no names (M365.md §7.2): a label without one takes the name that
 * another place in the same message gives its GUID (the header, a custom.xml, a PDF).
 */
export function nameLabels(labels: readonly SensitivityLabel[]): SensitivityLabel[] {
  const names = new Map<string, string>()
  for (const label of labels) if (label.name !== undefined) names.set(label.id, label.name)

  return labels.map((label) =>
    label.name === undefined ? { ...label, name: names.get(label.id) } : label,
  )
}

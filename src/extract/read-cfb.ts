// Read OLE compound files (MS-CFB): encrypted OOXML packages, legacy Word/Excel/PowerPoint,
// and embedded OLE packages. Outlook .msg files go to their own reader.
import CFB from 'cfb'

import { textOfLegacyExcel } from './legacy-excel.js'
import { textOfLegacyPowerPoint } from './legacy-powerpoint.js'
import { textOfLegacyWord, type LegacyText } from './legacy-word.js'
import { decodeText } from './decode-text.js'
import { labelsFromLabelInfo, labelsFromProperties } from './office-labels.js'
import { readOleProperties } from './ole-properties.js'
import { readOutlookMsg } from './read-outlook-msg.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { vbaSources } from './vba-source.js'
import { inflatedBudgetOf } from './limits.js'

/** Read a compound file by the streams it holds; the method name says which reader ran. */
export async function readCfb(s: ExtractSession, node: ExtractNode): Promise<string> {
  const container = CFB.read(node.bytes, { type: 'buffer' })
  const root = storageOf(container, '')
  const names = root.names

  // MS-OFFCRYPTO §2.3.4: a password-protected DOCX/XLSX/PPTX is a CFB holding the encrypted
  // package. Its sensitivity label is readable without the password (M365.md §7.2).
  if (names.has('encryptedpackage') || names.has('encryptioninfo')) {
    s.flag(node.id, 'encrypted', 'ooxml: password protected')
    readEncryptedLabels(s, node.id, container)
    return 'cfb'
  }

  if ([...names].some((name) => name.startsWith('__substg1.0_'))) {
    await readOutlookMsg(s, node)
    return 'msg'
  }

  const method = await readStorage(s, node, node.id, root)
  // A password-protected workbook or document stays reported as encrypted: its summary
  // (title, author) is not read as if the file had been opened.
  if (s.nodeTally(node.id).worst !== 'encrypted') readPropertySets(s, node.id, root)
  if (method === 'none') {
    // TODO: Other OLE containers (Visio, Publisher, Works, Ole10Native packages) are not
    // read; they become UNSCANNABLE so policy decides on them.
    s.flag(node.id, 'unscannable', 'unsupported format: application/x-cfb')
  }

  readVbaStorages(s, node.id, container)

  // Objects embedded in legacy documents (Word's ObjectPool, Excel's MBD storages) are
  // storages of their own: each is read with the same readers.
  for (const prefix of embeddedStorages(container)) {
    const storage = storageOf(container, prefix)
    await readStorage(s, node, `${node.id}/${prefix.replace(/\/$/, '')}`, storage)
  }

  return method
}

/** A DOCM/XLSM/PPTM's vbaProject.bin: the source of its macros. */
export function readVbaProject(s: ExtractSession, node: ExtractNode): void {
  readVbaStorages(s, node.id, CFB.read(node.bytes, { type: 'buffer' }))
}

/**
 * The macro source of every VBA storage of `container` (vbaProject.bin's `VBA`, a .doc's
 * `Macros/VBA`, an .xls's `_VBA_PROJECT_CUR/VBA`), as text of `id`, decompressed within the
 * message's inflated budget.
 */
function readVbaStorages(s: ExtractSession, id: string, container: CFB.CFB$Container): void {
  const rootName = container.FullPaths[0] ?? ''
  const storages = container.FullPaths.filter((path) => /(^|\/)VBA\/$/i.test(path))
  for (const path of storages) {
    const storage = storageOf(container, path.slice(rootName.length))
    if (!storage.names.has('dir')) continue
    const deadline = Date.now() + s.msLeft()
    const result = vbaSources(storage.streamOf, Math.max(0, s.inflatedRoom()), deadline)
    s.chargeInflated(result.inflated)
    if (result.ok) {
      s.addText(id, result.modules.map((module) => module.source).join('\n'))
      // A module the project names but whose source is not where it says is reported: its
      // code may sit in bytes nothing else reads.
      if (result.missing > 0) s.flag(id, 'unscannable', 'vba: corrupt macro project')
    } else if (result.reason === 'time') {
      s.stopIfOverTime(id)
    } else if (result.reason === 'budget') {
      s.flag(id, 'unscannable', `limit: maxInflatedBytes ${inflatedBudgetOf(s.limits)} exceeded`)
    } else {
      s.flag(id, 'unscannable', 'vba: corrupt macro project')
    }
  }
}

// MS-OFFCRYPTO §2.6.2: with IRM applied, the LabelInfo XML (§2.6.4) sits in the
// "\x06DataSpaces\TransformInfo" storage, outside the encrypted package. The storage name
// starts with the control character 0x06, written out here rather than inside a regex.
const DATA_SPACES = '\u0006dataspaces/transforminfo/'

function isEncryptedLabelInfo(path: string): boolean {
  const lower = path.toLowerCase()
  return lower.includes(`/${DATA_SPACES}`) && lower.endsWith('/labelinfo')
}

/** Labels of an encrypted package, from its LabelInfo stream; nothing if it has none. */
function readEncryptedLabels(s: ExtractSession, id: string, container: CFB.CFB$Container): void {
  container.FullPaths.forEach((path, i) => {
    const content = container.FileIndex[i]?.content
    if (!isEncryptedLabelInfo(path) || content === undefined || content === null) return

    const decoded = decodeText(Buffer.from(content))
    if (!decoded.ok) return
    const labels = labelsFromLabelInfo(decoded.text, id)
    s.labels.push(...labels.map((label) => ({ ...label, source: 'DataSpaces/LabelInfo' as const })))
  })
}

interface Storage {
  /** Lower-cased names of the streams directly inside the storage. */
  readonly names: ReadonlySet<string>
  readonly streamOf: (name: string) => Buffer | undefined
}

function storageOf(container: CFB.CFB$Container, prefix: string): Storage {
  const rootName = container.FullPaths[0] ?? ''
  const base = rootName + prefix
  const byName = new Map<string, CFB.CFB$Entry>()

  container.FullPaths.forEach((path, i) => {
    const rest = path.startsWith(base) ? path.slice(base.length) : undefined
    const entry = container.FileIndex[i]
    if (rest === undefined || rest.length === 0 || rest.includes('/') || entry === undefined) return

    byName.set(rest.toLowerCase(), entry)
  })

  // Storages and empty streams carry no content array; they read as absent.
  const streamOf = (name: string): Buffer | undefined => {
    const content = byName.get(name.toLowerCase())?.content
    return content === undefined || content === null ? undefined : Buffer.from(content)
  }

  return { names: new Set(byName.keys()), streamOf }
}

function embeddedStorages(container: CFB.CFB$Container): string[] {
  const rootName = container.FullPaths[0] ?? ''
  return container.FullPaths.filter((p) => /(ObjectPool\/[^/]+|MBD[0-9A-F]+)\/$/i.test(p)).map(
    (p) => p.slice(rootName.length),
  )
}

async function readStorage(
  s: ExtractSession,
  node: ExtractNode,
  id: string,
  storage: Storage,
): Promise<string> {
  const { names, streamOf } = storage

  if (names.has('package')) {
    const bytes = streamOf('Package') ?? Buffer.alloc(0)
    await s.readNested({ id: `${id}/Package`, bytes, filename: undefined, depth: node.depth + 1 })
    return 'ole-package'
  }
  if (names.has('worddocument')) return report(s, id, 'doc', textOfLegacyWord(streamOf))
  if (names.has('workbook') || names.has('book')) {
    const stream = streamOf('Workbook') ?? streamOf('Book')
    return report(s, id, 'xls', textOfLegacyExcel(stream))
  }
  if (names.has('powerpoint document')) {
    return report(s, id, 'ppt', textOfLegacyPowerPoint(streamOf('PowerPoint Document')))
  }

  return 'none'
}

/**
 * Summary properties (title, author, keywords, company, ...) as text, and Purview labels kept
 * as user-defined properties (MSIP_Label_<GUID>_<Attr>, as in custom.xml).
 */
function readPropertySets(s: ExtractSession, id: string, root: Storage): void {
  const summary = readOleProperties(root.streamOf('\x05SummaryInformation'))
  const document = readOleProperties(root.streamOf('\x05DocumentSummaryInformation'))

  s.addText(id, [...summary.values, ...document.values].join('\n'))
  s.labels.push(...labelsFromProperties(document.named, id, 'ole/DocumentSummaryInformation'))
}

function report(s: ExtractSession, id: string, method: string, result: LegacyText): string {
  if (result.ok) s.addText(id, result.text)
  else s.flag(id, result.status, result.reason)

  return method
}

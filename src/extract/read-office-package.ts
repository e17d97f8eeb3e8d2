// Read OOXML (DOCX/XLSX/PPTX and macro/template variants) and ODF packages: every XML part,
// hidden or not, plus embedded objects as nested blobs and sensitivity labels.
import { decodeText } from './decode-text.js'
import { labelsFromCustomXml, labelsFromLabelInfo, mergeLabels } from './office-labels.js'
import { imageFamilyOf, readImage } from './read-image.js'
import { readVbaProject } from './read-cfb.js'
import { baseName } from './read-zip.js'
import { errorName } from './error-name.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { sharedStringsOf, textOfSheet } from './xlsx-sheet.js'
import {
  sharedStringsOfXlsb,
  sheetNamesOfXlsb,
  textOfXlsbComments,
  textOfXlsbSheet,
} from './xlsb-parts.js'
import { sniffType } from './sniff-type.js'
import { textOfXml } from './xml-text.js'
import { walkZip, type EntryOutcome } from './zip-entries.js'

export type PackageFamily = 'ooxml' | 'odf'

interface PackageContents {
  readonly xml: Map<string, string>
  readonly skipped: { path: string; outcome: EntryOutcome }[]
  readonly embedded: { path: string; bytes: Buffer }[]
  /** Every other member, referenced by the package or not (a stray `word/notes.txt`). */
  readonly others: { path: string; bytes: Buffer }[]
  /** XLSB's BIFF12 parts (workbook, sheets, shared strings, comments), by path. */
  readonly xlsbParts: Map<string, Buffer>
}

// Parts of an OOXML package that hold formatting only, never text a person typed.
const OOXML_LAYOUT_ONLY =
  /(^|\/)(\[Content_Types\]\.xml|styles\.xml|theme\d*\.xml|fontTable\.xml|settings\.xml|webSettings\.xml|calcChain\.xml|tableStyles\.xml|presProps\.xml|viewProps\.xml|stylesWithEffects\.xml)$/

// ODF settings.xml holds view and printer settings (ODF 1.2 Part 1 §3.10), never document text;
// its numbers only feed false positives. styles.xml stays: it carries headers and footers.
const ODF_SETTINGS_ONLY = /^(settings\.xml|META-INF\/manifest\.xml)$/

const XML_PATH = /\.(xml|rels|vml)$/i
const EMBEDDED_PATH = /(^|\/)(embeddings|Object \d+|ObjectReplacements)\//i
const XLSB_PART =
  /^xl\/(workbook|sharedStrings|(worksheets|macrosheets|dialogsheets)\/[^/]+|comments\d*)\.bin$/i

/** Read an Office package; entries the ZIP walk could not open are reported one by one. */
export async function readOfficePackage(
  s: ExtractSession,
  node: ExtractNode,
  family: PackageFamily,
): Promise<void> {
  const contents = await collectParts(s, node)

  // ODF encrypts each entry but lists the encryption in the manifest, so the entries that
  // failed to inflate are the encrypted ones and one finding for the package says it.
  if (family === 'odf' && isEncryptedOdf(contents.xml)) {
    s.flag(node.id, 'encrypted', 'odf: password protected')
    return
  }
  for (const { path, outcome } of contents.skipped) {
    s.flag(`${node.id}/${path}`, outcome.status, outcome.reason)
  }
  readLabels(s, node.id, contents.xml)
  readXmlParts(s, node.id, contents.xml, family)
  readXlsbParts(s, node.id, contents.xlsbParts)

  for (const { path, bytes } of contents.embedded) {
    const id = `${node.id}/${path}`
    await s.readNested({ id, bytes, filename: baseName(path), depth: node.depth + 1 })
  }
  for (const other of contents.others) await readOtherMember(s, node, other.path, other.bytes)
}

// Every member is read by what its bytes are, whatever the package's relationships say: a
// text, a ZIP or a PDF added to a DOCX is read like an attachment. Pictures give their metadata
// and appended data, without a finding each (see readImage).
async function readOtherMember(
  s: ExtractSession,
  node: ExtractNode,
  path: string,
  bytes: Buffer,
): Promise<void> {
  const member = {
    id: `${node.id}/${path}`,
    bytes,
    filename: baseName(path),
    depth: node.depth + 1,
  }
  const type = sniffType(bytes)

  if (type.kind === 'image') {
    await readImage(s, member, imageFamilyOf(type.mime), true)
    return
  }

  // A macro project's source can hold what no reader of the document sees.
  if (type.kind === 'cfb' && /(^|\/)vbaProject\.bin$/i.test(path)) {
    readVbaProjectMember(s, member)
    return
  }

  // TODO: ActiveX controls (activeX*.bin: compound files outside embeddings/) are not read.
  // EMF/WMF pictures are passed over though their records can hold text (EMR_EXTTEXTOUTW), as
  // are fonts, printer settings and other binary parts of no known kind, which hold no typed
  // text.
  if (type.kind === 'cfb' || type.kind === 'unsupported' || type.kind === 'empty') return

  await s.readNested(member)
}

function readVbaProjectMember(s: ExtractSession, member: ExtractNode): void {
  try {
    readVbaProject(s, member)
  } catch (error) {
    // A damaged compound file: the rest of the package is still read.
    s.flag(member.id, 'unscannable', `vba: corrupt macro project (${errorName(error)})`)
  }
}

async function collectParts(s: ExtractSession, node: ExtractNode): Promise<PackageContents> {
  const contents: PackageContents = {
    xml: new Map(),
    skipped: [],
    embedded: [],
    others: [],
    xlsbParts: new Map(),
  }

  for await (const entry of walkZip(s, node.id, node.bytes)) {
    if (entry.kind === 'skipped') {
      contents.skipped.push({ path: entry.path, outcome: entry.outcome })
      continue
    }

    if (EMBEDDED_PATH.test(entry.path) && !XML_PATH.test(entry.path)) {
      contents.embedded.push({ path: entry.path, bytes: entry.bytes })
    } else if (XML_PATH.test(entry.path)) {
      const decoded = decodeText(entry.bytes)
      if (decoded.ok) contents.xml.set(entry.path, decoded.text)
    } else if (XLSB_PART.test(entry.path)) {
      contents.xlsbParts.set(entry.path, entry.bytes)
    } else {
      contents.others.push({ path: entry.path, bytes: entry.bytes })
    }
  }

  return contents
}

function readLabels(s: ExtractSession, id: string, xml: ReadonlyMap<string, string>): void {
  const custom = xml.get('docProps/custom.xml')
  const labelInfo = xml.get('docMetadata/LabelInfo.xml')

  const fromCustom = custom === undefined ? [] : labelsFromCustomXml(custom, id)
  const fromLabelInfo = labelInfo === undefined ? [] : labelsFromLabelInfo(labelInfo, id)

  s.labels.push(...mergeLabels(fromLabelInfo, fromCustom))
}

/** Sheet names, then each sheet's cells, then comments, each under its part path. */
function readXlsbParts(s: ExtractSession, id: string, parts: ReadonlyMap<string, Buffer>): void {
  const workbook = parts.get('xl/workbook.bin')
  if (workbook !== undefined)
    s.addText(`${id}/xl/workbook.bin`, sheetNamesOfXlsb(workbook).join('\n'))

  const sharedPart = parts.get('xl/sharedStrings.bin')
  const shared = sharedPart === undefined ? [] : sharedStringsOfXlsb(sharedPart)

  for (const [path, bytes] of parts) {
    if (/^xl\/(worksheets|macrosheets|dialogsheets)\//i.test(path)) {
      s.addText(`${id}/${path}`, textOfXlsbSheet(bytes, shared))
    } else if (/^xl\/comments\d*\.bin$/i.test(path)) {
      s.addText(`${id}/${path}`, textOfXlsbComments(bytes))
    }
  }
}

function readXmlParts(
  s: ExtractSession,
  id: string,
  xml: ReadonlyMap<string, string>,
  family: PackageFamily,
): void {
  const sharedXml = [...xml].find(([path]) => /(^|\/)sharedStrings\d*\.xml$/i.test(path))?.[1]
  const shared = sharedXml === undefined ? [] : sharedStringsOf(sharedXml)

  for (const [path, text] of xml) {
    if (family === 'ooxml' && OOXML_LAYOUT_ONLY.test(path)) continue
    if (family === 'odf' && ODF_SETTINGS_ONLY.test(path)) continue

    s.addText(`${id}/${path}`, textOfPart(path, text, shared))
  }
}

function textOfPart(path: string, xml: string, shared: readonly string[]): string {
  if (/^xl\/(worksheets|dialogsheets|macrosheets)\/[^/]+\.xml$/i.test(path)) {
    return textOfSheet(xml, shared)
  }
  if (path.endsWith('.rels')) return externalTargetsOf(xml)

  return textOfXml(xml)
}

// Relationship targets leave the package when TargetMode="External" (hyperlinks, linked
// files); their URLs can carry data in paths and query strings.
const EXTERNAL_TARGET = /<Relationship\b(?=[^>]*TargetMode="External")[^>]*\bTarget="([^"]*)"/g

function externalTargetsOf(xml: string): string {
  return [...xml.matchAll(EXTERNAL_TARGET)].map((m) => m[1] ?? '').join('\n')
}

function isEncryptedOdf(xml: ReadonlyMap<string, string>): boolean {
  return xml.get('META-INF/manifest.xml')?.includes('encryption-data') === true
}

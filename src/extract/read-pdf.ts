// Read PDF files with pdf.js (legacy build, for Node): annotations and form values, document
// information and XMP metadata, and embedded files as nested blobs; page text from PDFium
// (pdfium-text.ts), or from pdf.js where PDFium cannot give it.
// First, so that it holds the natives pdf.js's polyfills replace (native-builtins.ts).
import { restoreNativeBuiltins } from './native-builtins.js'
import { getDocument, OPS, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs'

import { readAppendedData, readPrependedData } from './appended-data.js'
import { errorName } from './error-name.js'
import { inflatedBudgetOf } from './limits.js'
import { labelsFromProperties } from './office-labels.js'
import { checkPdfStreams } from './pdf-streams.js'
import { openPdfiumPages, PDFIUM_MAX_HEAP_MIB, PdfiumMemoryLimit } from './pdfium-text.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { textOfXml } from './xml-text.js'

restoreNativeBuiltins()

type PdfDocument = Awaited<ReturnType<typeof getDocument>['promise']>
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>

/**
 * Read one PDF; a password or a broken file becomes a finding, never an exception.
 *
 * TODO: Comments and objects that no page, annotation or outline refers to are not read: PDFium
 * and pdf.js give text only from what a page draws, so text written into an unreferenced object
 * stays unseen (the bytes after the last %%EOF and before "%PDF-" are read; see readPdf).
 *
 * PDFium and pdf.js inflate streams without an output cap of ours, so each compressed stream
 * is first inflated through a counter (pdf-streams.ts, whose TODO says what it cannot see);
 * a PDF past maxRatio or maxInflatedBytes is reported by the limit's name and not opened. The
 * embedded files pdf.js hands back are checked against maxInflatedBytes before they are read.
 */
export async function readPdf(s: ExtractSession, node: ExtractNode): Promise<void> {
  try {
    await readDocument(s, node)
  } finally {
    // On a thread without a worker bundle loaded ahead (`mailward scan`, `replay`), pdf.js
    // loads it on the first document, and its polyfills with it, also when the document fails.
    restoreNativeBuiltins()
  }
  if (isEmfPicture(node.bytes)) return

  // Bytes around the PDF's own structure are not shown by any PDF reader, whether pdf.js
  // could open the document or not; `cat`, `strings` or `unzip` still see them.
  const start = node.bytes.indexOf('%PDF-')
  if (start > 0) await readPrependedData(s, node, start, 'pdf')
  const end = endOfPdf(node.bytes)
  if (end !== undefined) await readAppendedData(s, node, end, 'pdf')
}

// PDF 1.7 §7.5.5: a file ends with "%%EOF"; an incremental update (§7.5.6) appends objects, an
// xref section or stream and a trailer, then another "%%EOF". The PDF ends at the first %%EOF
// not followed by such an update, so a ZIP appended after it stays outside even when a later
// "%%EOF" sits inside the ZIP (in a stored entry or its comment).
const UPDATE_START = /^[\0\t\n\f\r ]*(?:\d+\s+\d+\s+obj\b|xref\b|trailer\b|startxref\b)/
const EOF_MARKER = '%%EOF'

/** Offset just past the %%EOF (and its end of line) that ends the PDF, if there is one. */
function endOfPdf(bytes: Buffer): number | undefined {
  let at = bytes.indexOf(EOF_MARKER)

  while (at !== -1) {
    const end = afterEndOfLine(bytes, at + EOF_MARKER.length)
    const next = bytes.indexOf(EOF_MARKER, end)
    const isUpdate = UPDATE_START.test(bytes.toString('latin1', end, end + 64))
    if (!isUpdate || next === -1) return end
    at = next
  }

  return undefined
}

// MS-EMF §2.3.4.2: an EMF picture starts with an EMR_HEADER record (type 1) whose signature
// " EMF" sits at offset 40. Office stores a PDF copy of a picture inside its comment records,
// so the picture is read as that PDF, and the records around it are the picture itself, not
// data hidden next to a PDF.
function isEmfPicture(bytes: Buffer): boolean {
  return (
    bytes.length >= 44 && bytes.readUInt32LE(0) === 1 && bytes.toString('latin1', 40, 44) === ' EMF'
  )
}

/** PDF 1.7 §7.2.2: an end-of-line marker is CR, LF or CR LF. */
function afterEndOfLine(bytes: Buffer, at: number): number {
  if (bytes[at] === 0x0d) return bytes[at + 1] === 0x0a ? at + 2 : at + 1
  return bytes[at] === 0x0a ? at + 1 : at
}

// C0 controls other than tab and line ends, and U+FFFD: what a glyph without a Unicode value
// comes out as.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/

async function readDocument(s: ExtractSession, node: ExtractNode): Promise<void> {
  // The engines inflate streams whole and uncapped: a PDF whose streams inflate past the
  // message's budget or the ratio limit is reported and not opened.
  const check = await checkPdfStreams(node.bytes, {
    totalBytes: s.inflatedRoom(),
    maxRatio: s.limits.maxRatio,
    deadline: Date.now() + s.msLeft(),
  })
  if (check.over === 'time') {
    s.stopIfOverTime(node.id)
    return
  }
  if (check.over !== undefined) {
    const limit =
      check.over === 'ratio'
        ? `maxRatio ${s.limits.maxRatio}`
        : `maxInflatedBytes ${inflatedBudgetOf(s.limits)}`
    s.flag(node.id, 'unscannable', `limit: ${limit} exceeded`)
    return
  }
  s.chargeInflated(check.inflated)

  // pdf.js takes ownership of (detaches) the array it is given, so it gets a copy.
  const task = getDocument({
    data: new Uint8Array(node.bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  })

  let doc: PdfDocument
  try {
    doc = await task.promise
  } catch (error) {
    // pdf.js raises PasswordException for a user password (C20); anything else means the
    // file is damaged beyond what pdf.js repairs. Either way the rest of the message goes on.
    const name = errorName(error)
    if (name === 'PasswordException') s.flag(node.id, 'encrypted', 'pdf: password protected')
    else s.flag(node.id, 'unscannable', `pdf: corrupt (${name})`)
    await task.destroy()
    return
  }

  try {
    await readMetadata(s, node.id, doc)
    await readPages(s, node.id, doc, node.bytes)
    await readAttachments(s, node, doc)
  } finally {
    await doc.destroy()
  }
}

// Page text comes from PDFium where it opens the document (three times faster than pdf.js
// on long text-heavy PDFs, which set the relay's p99 on mail with attachments). pdf.js lays a
// page out where PDFium does not open the document, finds no text on the page or only control
// characters, or has faulted; annotations and form values come from pdf.js either way.
async function readPages(s: ExtractSession, id: string, doc: PdfDocument, bytes: Buffer) {
  let pageText = 0
  let paintedWithoutText = 0
  let pdfium = await openPdfiumPages(bytes)
  // The engines may count pages differently: pdf.js believes a page tree's /Count (0 or -1
  // in a hostile file), PDFium counts the pages it finds. Every page either finds is read.
  const pages = Math.max(doc.numPages, pdfium?.count ?? 0)

  const keep = (text: string) => {
    pageText += text.trim().length
    s.addText(id, text)
  }

  try {
    for (let number = 1; number <= pages; number += 1) {
      if (s.stopIfOverTime(id)) return

      let layout: string | undefined
      try {
        layout = number <= (pdfium?.count ?? 0) ? pdfium?.textOf(number - 1) : undefined
      } catch (error) {
        // A page past the engine's memory limit would take pdf.js, whose memory nothing
        // bounds, the same way: the rest of the file is reported, not read.
        if (error instanceof PdfiumMemoryLimit) {
          s.flag(id, 'unscannable', `limit: PDFium heap ${PDFIUM_MAX_HEAP_MIB} MiB exceeded`)
          return
        }
        // The page is laid out again by pdf.js, and so is every page after it.
        pdfium = undefined
      }

      if (number > doc.numPages) {
        if (layout !== undefined) keep(layout)
        continue
      }

      let kept = false
      try {
        const page = await doc.getPage(number)
        // The two engines map broken fonts differently, and text one of them can read must
        // not pass unread: a page PDFium gives nothing or control characters for (glyphs of a
        // font without a usable Unicode map) is asked of pdf.js as well.
        if (layout === undefined || layout.trim() === '') layout = await layoutOfPage(page)
        else if (CONTROL_CHARACTER.test(layout)) layout += '\n' + (await layoutOfPage(page))
        const text = layout + (await textOfAnnotations(page))
        keep(text)
        kept = true
        if (text.trim().length === 0 && (await paintsAnything(page))) paintedWithoutText += 1
        page.cleanup()
      } catch (error) {
        // One damaged page: what text it gave, if not kept yet, is kept; it is reported, and
        // the next page is read.
        if (!kept && layout !== undefined) keep(layout)
        s.flag(id, 'unscannable', `pdf: unreadable page (${errorName(error)})`)
      }
    }
  } finally {
    pdfium?.close()
  }

  // TODO: Pages without a text layer (scans, photos of documents) are not OCR'd; mailward
  // has no OCR engine. They become this UNSCANNABLE finding so policy decides on them. Pages
  // that paint nothing at all (a blank page) hold nothing to read and are not reported.
  if (pageText === 0 && paintedWithoutText > 0) s.flag(id, 'unscannable', 'pdf: no text layer')
}

// Operators that put marks on a page (PDF 1.7 §8.5.3 path painting, §8.7.4.2 shading, §8.9
// images, §9.4.3 text showing). A page with none of them is blank; one with some but no
// extractable text is a scan, an image or text drawn as outlines.
const PAINT_OPS: ReadonlySet<number> = new Set([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.constructPath,
  OPS.rawFillPath,
  OPS.shadingFill,
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
])

async function paintsAnything(page: PdfPage): Promise<boolean> {
  const { fnArray } = await page.getOperatorList()
  return fnArray.some((op) => PAINT_OPS.has(op))
}

/** pdf.js's own layout of the page's text. */
async function layoutOfPage(page: PdfPage): Promise<string> {
  const content = await page.getTextContent()
  const pieces: string[] = []

  for (const item of content.items) {
    if (!('str' in item)) continue
    pieces.push(item.str, item.hasEOL ? '\n' : '')
  }

  return pieces.join('')
}

async function textOfAnnotations(page: PdfPage): Promise<string> {
  const annotations = (await page.getAnnotations()) as unknown[]
  return annotations.map((annotation) => ['\n', ...textsOfAnnotation(annotation)].join('')).join('')
}

/** Comment text, form field values and link targets of one annotation. */
function textsOfAnnotation(annotation: unknown): string[] {
  if (typeof annotation !== 'object' || annotation === null) return []

  const a = annotation as Record<string, unknown>
  const contents = a['contentsObj'] as { str?: unknown } | undefined
  const candidates = [contents?.str, a['fieldValue'], a['url'], a['alternativeText'], a['title']]

  return candidates.flatMap((c) => (typeof c === 'string' && c.length > 0 ? [c, '\n'] : []))
}

async function readMetadata(s: ExtractSession, id: string, doc: PdfDocument): Promise<void> {
  const { info, metadata } = await doc.getMetadata()
  const values = [...stringsOf(info)]

  // Purview writes MSIP_Label_<GUID>_<Attr> keys into the Info dictionary; pdf.js puts keys
  // outside the standard set under `Custom`.
  const custom = (info as { Custom?: unknown }).Custom
  if (typeof custom === 'object' && custom !== null) {
    const pairs = Object.entries(custom).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v] as const] : [],
    )
    s.labels.push(...labelsFromProperties(pairs, id, 'pdf/Info'))
  }

  // XMP is an XML packet; its text nodes hold the same fields plus any custom schema.
  const xmp: unknown = metadata?.getRaw()
  if (typeof xmp === 'string') values.push(textOfXml(xmp))

  s.addText(id, values.join('\n'))
}

/** String values of an info dictionary (Title, Author, Keywords, Custom entries, ...). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (typeof value !== 'object' || value === null) return []

  return Object.entries(value).flatMap(([key, v]) => {
    const texts = stringsOf(v)
    return key.startsWith('MSIP_Label_') ? [`${key}=${texts.join('')}`] : texts
  })
}

async function readAttachments(s: ExtractSession, node: ExtractNode, doc: PdfDocument) {
  const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, unknown>

  for (const [key, value] of Object.entries(attachments)) {
    const file = value as { filename?: unknown; content?: unknown }
    if (!(file.content instanceof Uint8Array)) continue

    const filename = typeof file.filename === 'string' ? file.filename : key
    const id = `${node.id}/${filename}`
    if (file.content.length > s.inflatedRoom()) {
      s.flag(id, 'unscannable', `limit: maxInflatedBytes ${inflatedBudgetOf(s.limits)} exceeded`)
      continue
    }
    s.chargeInflated(file.content.length)
    await s.readNested({
      id,
      bytes: Buffer.from(file.content),
      filename,
      depth: node.depth + 1,
    })
  }
}

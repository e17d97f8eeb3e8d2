// Page text of a PDF through PDFium, the PDF engine of Chrome, compiled to WebAssembly
// (@embedpdf/pdfium). It lays text out about three times faster than pdf.js on the corpus's
// long text-heavy PDFs (docs/extraction.md), and those set the relay's p99 on mail with
// attachments. pdf.js still opens the document and reads everything else (see read-pdf.ts).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { setFlagsFromString } from 'node:v8'
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium'

/** The text layer of each page of one open document. */
export interface PdfiumPages {
  readonly count: number
  /**
   * Text of page `index` (zero-based), or undefined where PDFium cannot read that page. Throws
   * PdfiumMemoryLimit past MAX_HEAP, or the fault if the engine itself faults; either way the
   * engine is then replaced, and this document is done with.
   */
  textOf(index: number): string | undefined
  close(): void
}

// WebAssembly memory grows and never shrinks. A worker that once read a huge PDF would keep
// that memory for the rest of its life, so an engine whose heap has grown past this is
// dropped after the document and a fresh one made for the next (some tens of milliseconds).
// Every PDF of the shared corpus is read inside the engine's initial 18 MiB; 256 MiB is far
// above what ordinary documents need and well inside a worker's share of a small container.
const MAX_RETAINED_HEAP = 256 * 1024 * 1024

// The most memory one engine may grow to. A page whose drawing multiplies (Form XObjects
// that draw Form XObjects ten times over, a few levels deep, in a 2 KB file) grew PDFium's
// heap to 2.2 GB, and WebAssembly memory sits outside the worker's JavaScript heap limits.
// Refusing growth past this makes the allocation fail inside PDFium, which then aborts; the
// page is reported by this limit. 512 MiB is 28 times the whole corpus's need (18 MiB).
const MAX_HEAP = 512 * 1024 * 1024

/** Thrown by `textOf` when a page needs more memory than MAX_HEAP. */
export class PdfiumMemoryLimit extends Error {
  constructor() {
    super(`PDFium needs more than ${PDFIUM_MAX_HEAP_MIB} MiB for the page`)
    this.name = 'PdfiumMemoryLimit'
  }
}

export const PDFIUM_MAX_HEAP_MIB = MAX_HEAP / 1024 / 1024

interface Engine {
  readonly module: WrappedPdfiumModule
  /** Set when the engine asked for more than MAX_HEAP. */
  refusedGrowth: boolean
}

// Node's WebAssembly global; TypeScript's ES libraries do not declare it.
interface WebAssemblyApi {
  instantiate(module: unknown, imports: unknown): Promise<unknown>
  compile(bytes: ArrayBuffer): Promise<unknown>
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly

let engine: Promise<Engine> | undefined
let compiled: Promise<unknown> | undefined

function engineBytes(): ArrayBuffer {
  const require = createRequire(import.meta.url)
  const file = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'))
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)
}

/**
 * Compiles the engine with every function optimised up front, for the relay to share among its
 * inspection workers (`usePdfiumModule`). Left to itself V8 compiles a function quickly when it
 * is first called and optimises it once it has run a while, so a freshly started relay read its
 * first long PDFs at twice the time of later ones (150 ms against 63 for the corpus's longest)
 * and was over its 100 ms p99 for that reason alone. Optimising all of it takes about 1.2 s on
 * V8's background threads and some 45 MB of code, once per process: a WebAssembly module
 * posted to a worker shares its compiled code.
 *
 * V8 has no per-module switch for this; its two flags are process-wide, so they are set only
 * around this compilation, where nothing else is compiling WebAssembly (the relay's start,
 * before its workers exist), and put back afterwards unless node was started with them.
 */
export async function compileOptimisedPdfium(): Promise<unknown> {
  const flags = ['liftoff', 'wasm-lazy-compilation'].filter(
    (flag) => !process.execArgv.some((arg) => arg.endsWith(flag)),
  )
  for (const flag of flags) setFlagsFromString(`--no-${flag}`)
  try {
    return await wasmApi.compile(engineBytes())
  } finally {
    for (const flag of flags) setFlagsFromString(`--${flag}`)
  }
}

/** Makes this thread's engine from `module` (from compileOptimisedPdfium) instead of its own. */
export function usePdfiumModule(module: unknown): void {
  compiled = Promise.resolve(module)
}

function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    compiled ??= wasmApi.compile(engineBytes())
    const wasm = await compiled
    const state: { refusedGrowth: boolean } = { refusedGrowth: false }
    // The engine's own console output is dropped: the relay's stdout is its log, and a
    // message about a document could quote the document.
    const quiet = () => undefined
    // Emscripten's instantiateWasm hook has no way to report a failure: one ends the wait
    // here, else init would wait for ever and every PDF with it.
    let failed: (error: unknown) => void = () => undefined
    const failure = new Promise<never>((_, reject) => (failed = reject))
    const starting = init({
      print: quiet,
      printErr: quiet,
      instantiateWasm(imports, receive) {
        // Growth of the heap goes through this import of Emscripten's runtime: it is wrapped
        // so growth past MAX_HEAP is refused.
        const env = (imports as Record<string, Record<string, unknown>>)['env'] ?? {}
        const resize = env['emscripten_resize_heap'] as (requested: number) => boolean
        env['emscripten_resize_heap'] = (requested: number) => {
          if (requested >>> 0 > MAX_HEAP) {
            state.refusedGrowth = true
            return false
          }
          return resize(requested)
        }
        wasmApi
          .instantiate(wasm, imports)
          .then((instance) => receive(instance as Parameters<typeof receive>[0]), failed)
        return {}
      },
    })
    const module = await Promise.race([starting, failure])
    module.PDFiumExt_Init()
    return Object.assign(state, { module })
  })()
  engine.catch(() => (engine = undefined))
  return engine
}

/**
 * Compiles (unless given a module) and starts the engine ahead of the first PDF; a worker does
 * this when it starts.
 */
export async function warmPdfium(): Promise<void> {
  await loadEngine()
}

/**
 * Opens `bytes` for page text, or gives undefined when PDFium cannot open them (pdf.js, which
 * opened them, then lays out the text itself).
 */
export async function openPdfiumPages(bytes: Uint8Array): Promise<PdfiumPages | undefined> {
  let loaded: Engine
  try {
    loaded = await loadEngine()
  } catch {
    return undefined
  }
  const m = loaded.module
  const current = engine

  const dropEngine = () => {
    if (engine === current) engine = undefined
  }

  let data = 0
  let doc = 0
  try {
    data = m.pdfium.wasmExports.malloc(bytes.length)
    m.pdfium.HEAPU8.set(bytes, data)
    doc = m.FPDF_LoadMemDocument(data, bytes.length, '')
  } catch {
    dropEngine()
    return undefined
  }
  if (doc === 0) {
    m.pdfium.wasmExports.free(data)
    return undefined
  }

  let closed = false
  return {
    count: m.FPDF_GetPageCount(doc),
    textOf(index) {
      try {
        const text = textOfPage(m, doc, index)
        // PDFium may also answer a refused allocation by giving up on the page quietly.
        if (loaded.refusedGrowth) throw new PdfiumMemoryLimit()
        return text
      } catch (error) {
        // A fault inside the engine (out of memory, a trap) leaves its state unknown: nothing
        // more is asked of this instance, and the next document gets a new one.
        closed = true
        dropEngine()
        throw loaded.refusedGrowth ? new PdfiumMemoryLimit() : error
      }
    },
    close() {
      if (closed) return
      closed = true
      try {
        m.FPDF_CloseDocument(doc)
        m.pdfium.wasmExports.free(data)
        if (m.pdfium.HEAPU8.length > MAX_RETAINED_HEAP) dropEngine()
      } catch {
        dropEngine()
      }
    },
  }
}

// Flattening time grows with the square of a page's annotations, and one page cannot be
// interrupted: 25,000 stamps took 7 s, 50,000 took 26 s (an attack run). Past this many, the
// page is read as PDFium gives it, without what the annotations draw (pdf.js still gives
// their comments and field values); 2,000 take a few tens of milliseconds, and real pages have
// dozens.
// TODO: what the annotations of such a page draw is not read.
const MAX_FLATTENED_ANNOTATIONS = 2000

// FPDFPage_Flatten's flag for what is shown on screen, and its answer when it merged something.
const FLAT_NORMALDISPLAY = 0
const FLATTEN_SUCCESS = 1

function textOfPage(m: WrappedPdfiumModule, doc: number, index: number): string | undefined {
  let page = m.FPDF_LoadPage(doc, index)
  if (page === 0) return undefined
  // PDFium's text layer leaves out annotations, though a reader sees what their appearances
  // draw: a note's box, a stamp, a filled-in form field. Flattening merges the visible ones into
  // the page's content (in memory: nothing is saved), and the page is read again as drawn.
  const annotations = m.FPDFPage_GetAnnotCount(page)
  if (
    annotations > 0 &&
    annotations <= MAX_FLATTENED_ANNOTATIONS &&
    m.FPDFPage_Flatten(page, FLAT_NORMALDISPLAY) === FLATTEN_SUCCESS
  ) {
    m.FPDF_ClosePage(page)
    page = m.FPDF_LoadPage(doc, index)
    if (page === 0) return undefined
  }

  const textPage = m.FPDFText_LoadPage(page)
  try {
    if (textPage === 0) return undefined
    const chars = m.FPDFText_CountChars(textPage)
    if (chars <= 0) return ''

    // FPDFText_GetText writes UTF-16LE code units and a terminating NUL, and returns their
    // count including the NUL.
    const buffer = m.pdfium.wasmExports.malloc((chars + 1) * 2)
    try {
      const units = m.FPDFText_GetText(textPage, 0, chars, buffer)
      const raw = Buffer.from(m.pdfium.HEAPU8.buffer, buffer, Math.max(0, units - 1) * 2)
      return readableText(raw.toString('utf16le'))
    } finally {
      m.pdfium.wasmExports.free(buffer)
    }
  } finally {
    if (textPage !== 0) m.FPDFText_ClosePage(textPage)
    m.FPDF_ClosePage(page)
  }
}

/**
 * PDFium ends lines with CR LF (and gives a lone CR for some broken font encodings), and it
 * joins a word hyphenated across a line end, marking the hyphen it removed with U+FFFE. Lines
 * end in LF here, and the hyphen and the line break are put back, as the reader sees them and
 * as pdf.js gives them: a number broken over two lines is then rejoined by detection's own
 * rules, not by PDFium's guess that it is a word.
 */
function readableText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replaceAll('\ufffe', '-\n')
}

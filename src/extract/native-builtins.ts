// pdfjs-dist's legacy build (the one for Node 20) carries core-js polyfills, and both its
// bundles replace built-ins that Node 20 already has with JavaScript versions where V8 misses
// a recent edge of the specification: Array.prototype.push (an array whose length would pass
// 2^53 - 1), JSON.stringify and JSON.parse (raw JSON and source text access, which nothing here
// uses). Every module of the process then pays for them: push was 7 times slower (28.8 ns a
// call against 4.0, about 7% of detection), JSON.stringify 8 times (98 µs for a 5 KB report,
// against 12; pino writes every log line with it). This module is imported before pdf.js, so it
// holds the natives, and restoreNativeBuiltins puts them back once pdf.js has loaded; pdf.js
// does not rely on those edges.

const NATIVE = {
  push: Array.prototype.push,
  parse: JSON.parse,
  stringify: JSON.stringify,
} as const

/** Puts back the natives that pdf.js's polyfills replaced (safe to call more than once). */
export function restoreNativeBuiltins(): void {
  if (Array.prototype.push !== NATIVE.push) {
    Object.defineProperty(Array.prototype, 'push', {
      value: NATIVE.push,
      writable: true,
      enumerable: false,
      configurable: true,
    })
  }
  if (JSON.parse !== NATIVE.parse) JSON.parse = NATIVE.parse
  if (JSON.stringify !== NATIVE.stringify) JSON.stringify = NATIVE.stringify
}

// `array.push(value)` for the hot loops of detection. pdfjs-dist's legacy build, which
// extraction loads into the same worker, replaces Array.prototype.push on Node 20 (V8 before
// 12.2) with core-js's version in JavaScript, which reads `arguments` and sets `length`
// through a property check: several times slower than an indexed store, which V8 inlines.
export function append<T>(array: T[], value: T): void {
  array[array.length] = value
}

// `array.push(value)` for the hot loops of detection: an indexed store, which V8 inlines. It
// was written when pdfjs-dist's legacy build had replaced Array.prototype.push with core-js's
// JavaScript version (28.8 ns a call); extract/native-builtins.ts now puts V8's back, and the
// store still beats it (4.0 ns against 6.5 in a loop; detection 16.2 against 15.1 MB/s side by
// side with these loops written with push).
export function append<T>(array: T[], value: T): void {
  array[array.length] = value
}

// pdfjs-dist ships no declarations for its worker module; it is only loaded for its effect
// (it registers itself as globalThis.pdfjsWorker, where pdf.js looks before loading it).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs'

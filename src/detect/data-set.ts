// A table of many rows with personal data (a customer export pasted into a mail, a CSV
// attachment, an HTML table) is one data set, not fifty unrelated findings. Rows are lines
// of the scan text (HTML table rows become lines, cells tab-separated).
import { append } from './append.js'

export interface RowFinding {
  readonly start: number
}

export interface DataSetSpan {
  readonly firstLine: number
  readonly lastLine: number
  readonly rows: number
}

// Ten rows: fewer is a short list in a mail ("call Ann on …, Bob on …"); ten rows with
// data and a shared delimiter is an export.
export const MIN_ROWS = 10
// Lines between rows that may hold no finding (a blank line, a sub-heading).
const MAX_GAP = 1
const DELIMITERS = [',', ';', '\t', '|']

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) append(starts, i + 1)
  return starts
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1

  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] ?? 0) <= offset) lo = mid
    else hi = mid - 1
  }

  return lo
}

function sharesDelimiter(
  text: string,
  starts: readonly number[],
  lines: readonly number[],
): boolean {
  return DELIMITERS.some((d) => {
    const withIt = lines.filter((l) =>
      text.slice(starts[l] ?? 0, starts[l + 1] ?? text.length).includes(d),
    )
    return withIt.length >= lines.length * 0.8
  })
}

/** Runs of table rows holding findings; `lineOfFinding` gives each finding's line. */
export function findDataSets(
  text: string,
  findings: readonly RowFinding[],
): { spans: DataSetSpan[]; lineOfFinding: (f: RowFinding) => number } {
  const starts = lineStarts(text)
  const lineOfFinding = (f: RowFinding): number => lineOf(starts, f.start)
  const lines = [...new Set(findings.map(lineOfFinding))].sort((a, b) => a - b)
  const spans: DataSetSpan[] = []

  let runStart = 0
  for (let i = 1; i <= lines.length; i++) {
    const isBreak = i === lines.length || (lines[i] ?? 0) - (lines[i - 1] ?? 0) > MAX_GAP + 1
    if (!isBreak) continue

    const run = lines.slice(runStart, i)
    if (run.length >= MIN_ROWS && sharesDelimiter(text, starts, run)) {
      spans.push({ firstLine: run[0] ?? 0, lastLine: run[run.length - 1] ?? 0, rows: run.length })
    }
    runStart = i
  }

  return { spans, lineOfFinding }
}

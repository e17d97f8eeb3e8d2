// Prints vitest's totals as one plain closing line ("Tests: N passed, N failed, N skipped"),
// read from the JSON reporter's file, so CI tools that look for that line find it.
import { readFileSync } from 'node:fs'

try {
  const results = JSON.parse(readFileSync('.vitest/results.json', 'utf8'))
  const skipped = results.numPendingTests + results.numTodoTests
  console.log(
    `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  )
} catch (error) {
  console.log(`Tests: no results file (${error instanceof Error ? error.message : String(error)})`)
  process.exitCode = 1
}

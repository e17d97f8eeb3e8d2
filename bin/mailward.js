#!/usr/bin/env node
// Entry point for the `mailward` command: runs the compiled CLI (npm run build makes dist/).
import('../dist/cli/main.js').catch((error) => {
  console.error(`mailward: cannot start: ${error instanceof Error ? error.message : String(error)}`)
  console.error('Run `npm run build` first (npm start does it for you).')
  process.exit(70)
})

// The `mailward` command line.
import { Command, CommanderError } from 'commander'
import { registerServeCommand } from './serve-command.js'
import { registerScanCommand } from './scan-command.js'
import { registerQuarantineCommand } from './quarantine-command.js'
import { registerConfigCommand } from './config-command.js'
import { registerOutboxCommand } from './outbox-command.js'
import { registerSinkCommand } from './sink-command.js'
import { registerDetectCommand } from './detect-command.js'
import { registerAuditCommand } from './audit-command.js'
import { registerSweepCommand } from './sweep-command.js'
import { registerBaselineCommand } from './baseline-command.js'
import { registerReplayCommand } from './replay-command.js'
import { CliError, EXIT } from './shared.js'

// A reader that stops reading (`mailward detect --categories | head -2`) is not an error: the
// output it wanted was written. Without this, the write's EPIPE ends the command with a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? EXIT.ok)
})

const program = new Command()
  .name('mailward')
  .description('Outbound-email data-loss-prevention relay')
  .version('0.1.0')
  .exitOverride()

registerServeCommand(program)
registerScanCommand(program)
registerQuarantineCommand(program)
registerOutboxCommand(program)
registerAuditCommand(program)
registerSweepCommand(program)
registerConfigCommand(program)
registerDetectCommand(program)
registerSinkCommand(program)
registerBaselineCommand(program)
registerReplayCommand(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = exitCodeFor(error)
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (usage errors, --help, --version).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage
  }
  if (error instanceof CliError) {
    process.stderr.write(`mailward: ${error.message}\n`)
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`mailward: ${message}\n`)
  return EXIT.failed
}

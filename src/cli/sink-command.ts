// `mailward sink`: a local SMTP sink to watch what the relay delivers (lab use only).
import type { Command } from 'commander'
import { createLogger } from '../log/index.js'
import { startLocalSink } from './local-sink.js'
import { CliError, EXIT, parseListen } from './shared.js'

export function registerSinkCommand(program: Command): void {
  program
    .command('sink')
    .description('run a local SMTP sink that stores every message it receives as a file')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:2526')
    .option('--dir <dir>', 'folder for received messages', './data/sink')
    .action(async (flags: { listen: string; dir: string }) => {
      const { host, port } = parseListen(flags.listen)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CliError(`sink: --listen must be HOST:PORT (got "${flags.listen}")`, EXIT.usage)
      }
      const sink = startLocalSink(host, port, flags.dir, createLogger('info'))
      const bound = await sink.listening
      process.stderr.write(
        `mailward sink: listening on ${host}:${bound}, storing in ${flags.dir}\n`,
      )
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      await sink.close()
    })
}

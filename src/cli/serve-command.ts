// `mailward serve`: run the relay until SIGINT or SIGTERM.
import type { Command } from 'commander'
import { createLogger } from '../log/index.js'
import { loadConfigOrFail } from './shared.js'
import { startRelay } from './start-relay.js'

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the SMTP relay')
    .option('--config <file>', 'configuration file (default: the embedded config/mailward.yaml)')
    .option('--data <dir>', 'data folder: database, quarantine spool, certificate')
    .option('--listen <host:port>', 'address to listen on (default 127.0.0.1:2525)')
    .option('--next-hop <host:port>', 'where released mail is delivered')
    .option(
      '--sink',
      'also run a local SMTP sink on the next-hop address, storing mail in DATA/sink',
    )
    .action(
      async (flags: {
        config?: string
        data?: string
        listen?: string
        nextHop?: string
        sink?: boolean
      }) => {
        const config = loadConfigOrFail(flags)
        const log = createLogger(config.log.level)
        const relay = await startRelay(config, log, { sink: flags.sink === true })

        const sinkNote =
          relay.sinkPort === undefined ? '' : ` (local sink on port ${relay.sinkPort})`
        process.stderr.write(
          `mailward: listening on ${config.listen.replace(/:\d+$/, `:${relay.port}`)}, ` +
            `next hop ${config.nextHop.address}${sinkNote}; Ctrl-C stops\n`,
        )

        await new Promise<void>((resolve) => {
          const stop = (signal: string): void => {
            log.info({ event: 'relay.stopping', signal })
            resolve()
          }
          process.once('SIGINT', () => stop('SIGINT'))
          process.once('SIGTERM', () => stop('SIGTERM'))
        })
        await relay.close()
      },
    )
}

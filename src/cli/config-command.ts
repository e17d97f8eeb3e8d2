// `mailward config check`: validates a configuration file with the same code `serve` uses.
import type { Command } from 'commander'
import { configWarnings, DEFAULT_CONFIG_PATH } from '../config/index.js'
import { loadConfigOrFail, loadModelOrFail, loadTemplatesOrFail, templatesDirOf } from './shared.js'

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('configuration tools')

  config
    .command('check')
    .description('validate the configuration and name every problem')
    .option('--config <file>', 'configuration file (default: the embedded config/mailward.yaml)')
    .action(async (flags: { config?: string }) => {
      const loaded = loadConfigOrFail(flags)
      // Templates and the model are part of what start checks, so they are part of check.
      loadTemplatesOrFail(loaded)
      const model = await loadModelOrFail(loaded)
      await model.close()
      for (const warning of configWarnings(loaded)) {
        process.stderr.write(`mailward: warning: ${warning.text}\n`)
      }
      const rules = loaded.policy.rules.length
      process.stdout.write(
        `${flags.config ?? DEFAULT_CONFIG_PATH}: ok (${rules} policy rule${rules === 1 ? '' : 's'}, ` +
          `listen ${loaded.listen}, next hop ${loaded.nextHop.address}${loaded.monitor ? ', monitor mode' : ''}, ` +
          `templates ${templatesDirOf(loaded)}, model ${model.name})\n`,
      )
    })
}

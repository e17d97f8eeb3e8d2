// Every configuration file we ship is one a new user may copy as it is: each must pass the
// same check `serve` runs at start.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mailward } from './helpers/cli.js'

const CONFIG_DIR = fileURLToPath(new URL('../config/', import.meta.url))
const SHIPPED = readdirSync(CONFIG_DIR).filter((name) => /\.ya?ml$/.test(name))

describe('the configuration files in config/', () => {
  it('include the default and the Exchange Online example', () => {
    expect(SHIPPED).toEqual(
      expect.arrayContaining(['mailward.yaml', 'exchange-online.example.yaml']),
    )
  })

  // config/exchange-online.example.yaml put justify.replyDomain under its own internal domain,
  // which config check refuses: the example failed its own check.
  it.each(SHIPPED)('%s passes mailward config check', async (name) => {
    const checked = await mailward(['config', 'check', '--config', join(CONFIG_DIR, name)])
    // Warnings (the example starts in monitor mode) are fine; problems are not.
    const lines = checked.stderr.split('\n').filter((line) => line !== '')
    expect(lines.filter((line) => !line.startsWith('mailward: warning: '))).toEqual([])
    expect(checked.code).toBe(0)
    expect(checked.stdout).toContain(': ok (')
  })
})

// `mailward scan FILE.eml`: the verdict and its reasons for one message; nothing is sent.
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { simpleParser, type AddressObject } from 'mailparser'
import { createInProcessInspector } from '../inspect/index.js'
import { defaultExtractLimits } from '../extract/index.js'
import { inspect, type Verdict } from '../relay.js'
import { newMessageRef } from '../smtp/server.js'
import type { Envelope } from '../smtp/types.js'
import { CliError, EXIT, loadConfigOrFail, loadModelOrFail } from './shared.js'
import { formatVerdict } from './format-verdict.js'

interface ScanFlags {
  config?: string
  json?: boolean
  from?: string
  to?: string[]
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('inspect one message file and print the decision; nothing is sent')
    .argument('<file>', 'an RFC 5322 message (.eml)')
    .option('--config <file>', 'configuration file (policy, internal domains)')
    .option('--from <address>', 'envelope sender (default: the From header)')
    .option('--to <address...>', 'envelope recipients (default: To, Cc and Bcc headers)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, flags: ScanFlags) => {
      const config = loadConfigOrFail({ config: flags.config })
      const raw = stripMboxLine(readMessage(file))
      const envelope = await envelopeFor(raw, flags)

      const model = await loadModelOrFail(config)
      const inspector = createInProcessInspector({
        maxMessageDepth: config.limits.maxMessageDepth,
        extract: defaultExtractLimits,
        detect: config.detect,
      })
      const verdict = await inspect(
        { ref: newMessageRef(), envelope, raw, receivedAt: new Date() },
        { config, inspector, model },
      )
      await model.close()
      process.stdout.write(
        flags.json === true ? `${toJson(verdict, envelope)}\n` : formatVerdict(verdict, envelope),
      )
      process.exitCode = EXIT.ok
    })
}

function readMessage(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new CliError(`scan: cannot read ${file} (${code})`, EXIT.usage)
  }
}

/** Files from mbox exports start with a `From ` envelope line, which is not a header. */
function stripMboxLine(raw: Buffer): Buffer {
  if (raw.subarray(0, 5).toString('latin1') !== 'From ') return raw
  const end = raw.indexOf('\n')
  return end === -1 ? raw : raw.subarray(end + 1)
}

/**
 * A file has no SMTP envelope, so unless given, one is taken from the headers. The relay
 * itself never does this: it trusts only MAIL FROM and RCPT TO.
 */
async function envelopeFor(raw: Buffer, flags: ScanFlags): Promise<Envelope> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true })
  const addresses = (field: AddressObject | AddressObject[] | undefined): string[] => {
    const objects = field === undefined ? [] : Array.isArray(field) ? field : [field]
    return objects.flatMap((object) =>
      object.value
        .flatMap((entry) => [entry, ...(entry.group ?? [])])
        .flatMap((entry) => (entry.address ? [entry.address] : [])),
    )
  }

  const mailFrom = flags.from ?? addresses(parsed.from)[0] ?? ''
  const rcptTo = flags.to ?? [
    ...addresses(parsed.to),
    ...addresses(parsed.cc),
    ...addresses(parsed.bcc),
  ]
  return { mailFrom, rcptTo, clientAddress: '', heloName: '', tls: false }
}

function toJson(verdict: Verdict, envelope: Envelope): string {
  return JSON.stringify(
    {
      ...verdict.report,
      envelope: { mailFrom: envelope.mailFrom, rcptTo: envelope.rcptTo },
      recipients: verdict.features.recipients,
    },
    null,
    2,
  )
}

// A small SMTP sink for trying mailward on one machine: it accepts every message and keeps it
// as a file, so a new user can watch what the relay delivers. Not for production.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import type { Logger } from 'pino'
import { keepServingOnConnectionErrors } from '../smtp/server.js'

/** One stored message, as written to deliveries.jsonl. */
export interface SinkDelivery {
  readonly file: string
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  readonly size: number
}

export interface LocalSink {
  readonly server: SMTPServer
  /** Resolves once listening; the port is the real one when 0 was asked for. */
  readonly listening: Promise<number>
  close(): Promise<void>
}

/**
 * Starts the sink on `host:port`, writing `<dir>/<n>.eml` for each message and one JSON line
 * with the envelope to `<dir>/deliveries.jsonl`.
 */
export function startLocalSink(
  host: string,
  port: number,
  dir: string,
  log: Logger,
  onStored: (delivery: SinkDelivery) => void = () => undefined,
): LocalSink {
  mkdirSync(dir, { recursive: true })
  let count = 0

  const server = new SMTPServer({
    name: 'mailward-sink',
    banner: 'mailward local sink',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const name = `${Date.now()}-${process.pid}-${++count}.eml`
        const raw = Buffer.concat(chunks)
        writeFileSync(join(dir, name), raw)
        const envelope = {
          file: name,
          mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          size: raw.length,
        }
        appendFileSync(join(dir, 'deliveries.jsonl'), `${JSON.stringify(envelope)}\n`)
        log.info({ event: 'sink.received', file: name, size: raw.length })
        callback(null, '2.0.0 Stored by the local sink')
        onStored(envelope)
      })
    },
  })

  keepServingOnConnectionErrors(server, log)
  const listening = new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })

  return {
    server,
    listening,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

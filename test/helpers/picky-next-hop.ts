// A next hop that answers RCPT TO per recipient as a test says (451 4.2.1 for one, 550 5.1.1
// for another), and can change its mind, so that partial deliveries and their retries can be
// watched end to end. Accepted messages are kept in memory with the recipients they were for.
import { EventEmitter } from 'node:events'
import { SMTPServer } from 'smtp-server'

export interface PickyMessage {
  readonly mailFrom: string
  readonly rcptTo: string[]
  readonly raw: Buffer
}

export interface PickyNextHop {
  readonly port: number
  readonly address: string
  /** Reply lines by recipient, e.g. { 'z@x': '451 4.2.1 Mailbox busy' }; others are accepted. */
  readonly refuse: Map<string, string>
  messages(): PickyMessage[]
  /** Resolves with the first message (before or after the call) that matches; never polls. */
  waitFor(what: string, match: (message: PickyMessage) => boolean): Promise<PickyMessage>
  close(): Promise<void>
}

export async function startPickyNextHop(timeoutMs = 15_000): Promise<PickyNextHop> {
  const received: PickyMessage[] = []
  const stored = new EventEmitter()
  const refuse = new Map<string, string>()

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = refuse.get(address.address.toLowerCase())
      if (reply === undefined) return callback()
      const error = Object.assign(new Error(reply.slice(4)), {
        responseCode: Number(reply.slice(0, 3)),
      })
      callback(error)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks),
        })
        callback(null, '2.0.0 Accepted')
        stored.emit('stored')
      })
    },
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : 0)
    })
  })

  return {
    port,
    address: `127.0.0.1:${port}`,
    refuse,
    messages: () => [...received],
    waitFor(what, match) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = received.find(match)
          if (found === undefined) return
          stored.off('stored', check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          stored.off('stored', check)
          reject(new Error(`next hop: no ${what} within ${timeoutMs} ms`))
        }, timeoutMs)
        stored.on('stored', check)
        check()
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// Real SMTP clients for tests: nodemailer, swaks (Debian), and the shared cases' byte replayer.
import { execFile } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { promisify } from 'node:util'
import nodemailer from 'nodemailer'
import { sharedPath } from './shared.js'

const run = promisify(execFile)

export interface SendResult {
  readonly code: number
  readonly response: string
}

/** Sends a raw message with an explicit envelope through nodemailer; never throws on 4xx/5xx. */
export async function sendRaw(
  port: number,
  envelope: { from: string; to: string[] },
  raw: Buffer | string,
): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
    socketTimeout: 60_000,
  })
  try {
    const info = await transport.sendMail({ envelope, raw })
    return { code: Number(info.response.slice(0, 3)), response: info.response }
  } catch (error) {
    const failure = error as { responseCode?: number; response?: string; code?: string }
    return {
      code: failure.responseCode ?? 0,
      response: failure.response ?? `connection failed (${failure.code ?? 'unknown'})`,
    }
  } finally {
    transport.close()
  }
}

/** Runs swaks against the relay; returns its transcript and the final DATA reply code. */
export async function swaks(
  port: number,
  args: string[],
): Promise<{ transcript: string; code: number }> {
  const result = await run(
    'swaks',
    ['--server', '127.0.0.1', '--port', String(port), '--timeout', '30', ...args],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }))
  const transcript = `${result.stdout}${result.stderr}`
  // The reply to end of data is the first server line after the client's lone "." line.
  const afterDot = /^ ?[-~]> \.\r?\n<[-~*]{1,2}\s+(\d{3})/m.exec(transcript)
  return { transcript, code: afterDot === null ? 0 : Number(afterDot[1]) }
}

/** Replays a shared case's raw client bytes (turns separated by 0x1E); returns reply codes. */
export async function replaySmtp(
  port: number,
  file: string,
): Promise<{ codes: string[]; closed: boolean }> {
  const { stdout } = await run('python3', [
    sharedPath('cases', 'replay_smtp.py'),
    file,
    '--port',
    String(port),
    '--idle',
    '0.5',
  ])
  const result = JSON.parse(stdout) as {
    reply_codes: (string | number)[]
    closed_by_server: boolean
  }
  return { codes: result.reply_codes.map(String), closed: result.closed_by_server }
}

/**
 * Speaks SMTP line by line on a raw socket: sends each command after the reply to the previous
 * one and returns every reply (multi-line replies joined), the greeting first.
 */
export async function converse(port: number, commands: readonly string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1')
  const replies: string[] = []
  let waiting: (() => void) | undefined

  socket.setEncoding('utf8')
  onReplies(socket, (reply) => {
    replies.push(reply)
    waiting?.()
  })
  const nextReply = (count: number) =>
    new Promise<void>((resolve, reject) => {
      if (replies.length >= count) return resolve()
      waiting = () => (replies.length >= count ? resolve() : undefined)
      socket.once('close', () =>
        reject(new Error(`connection closed after ${replies.length} replies`)),
      )
    })

  await nextReply(1)
  for (const [i, command] of commands.entries()) {
    socket.write(`${command}\r\n`)
    await nextReply(i + 2)
  }
  socket.end()
  return replies
}

/**
 * Sends EHLO, then `batch` in one write (RFC 2920 pipelining), and collects every reply until
 * the server closes the connection or `timeoutMs` passes. `closed` tells which: a session that
 * stalls shows as `closed: false` with the replies it gave so far.
 */
export async function pipelineInOneWrite(
  port: number,
  batch: Buffer | string,
  timeoutMs = 10_000,
): Promise<{ replies: string[]; closed: boolean }> {
  const socket = connect(port, '127.0.0.1')
  const replies: string[] = []
  let stage: 'greeting' | 'ehlo' | 'batch' = 'greeting'

  return new Promise((resolve) => {
    const finish = (closed: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ replies, closed })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('error', () => undefined)
    socket.on('close', () => finish(true))
    socket.setEncoding('latin1')
    onReplies(socket, (reply) => {
      if (stage === 'greeting') {
        stage = 'ehlo'
        socket.write('EHLO client.example.org\r\n')
      } else if (stage === 'ehlo') {
        stage = 'batch'
        socket.write(batch)
      } else {
        replies.push(reply)
      }
    })
  })
}

/** Calls `onReply` with each whole SMTP reply, a multi-line one joined by line breaks. */
function onReplies(socket: Socket, onReply: (reply: string) => void): void {
  let buffer = ''
  let current: string[] = []
  socket.on('data', (chunk: string) => {
    buffer += chunk
    for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
      current.push(buffer.slice(0, end))
      buffer = buffer.slice(end + 2)
      // RFC 5321 §4.2.1: "250-" continues a reply, "250 " ends it.
      if ((current.at(-1) ?? '').charAt(3) !== '-') {
        onReply(current.join('\n'))
        current = []
      }
    }
  })
}

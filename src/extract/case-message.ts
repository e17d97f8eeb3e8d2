// Turns a case .eml into parse-stage output for the extract tests, the way the parse stage
// would: each MIME leaf with its decoded bytes. Test support only.
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

import { simpleParser } from 'mailparser'

import type { Message } from '../mime/types.js'
import { messageOf, type PartInput } from './message-for-test.js'

const FIXTURES = new URL('../../test/fixtures/extract/', import.meta.url)

// The shared corpus sits beside the repository (`../shared`), in CI as on a developer machine,
// or where MAILWARD_SHARED says (as for every test: test/helpers/shared.ts).
const SHARED =
  process.env.MAILWARD_SHARED === undefined
    ? new URL('../../../shared/', import.meta.url)
    : pathToFileURL(`${process.env.MAILWARD_SHARED.replace(/\/?$/, '/')}`)
const CORPUS_ATTACHMENTS = new URL('corpus/attachments/', SHARED)

/** The bytes of `shared/corpus/attachments/<name>` (origin and licence in its MANIFEST.tsv). */
export async function corpusBytes(name: string): Promise<Buffer> {
  return readFile(new URL(name, CORPUS_ATTACHMENTS))
}

/** The bytes of fixture file `name`. */
export async function fixtureBytes(name: string): Promise<Buffer> {
  return readFile(new URL(name, FIXTURES))
}

const CORPUS_PARSER = new URL('corpus/parser/', SHARED)

/** The body text and every attachment of fixture `name` as a Message. */
export async function caseMessage(name: string): Promise<Message> {
  return messageFrom(await readFile(new URL(name, FIXTURES)))
}

/** The same for `shared/corpus/parser/<name>` (one message per file). */
export async function corpusMessage(name: string): Promise<Message> {
  return messageFrom(await readFile(new URL(name, CORPUS_PARSER)))
}

async function messageFrom(raw: Buffer): Promise<Message> {
  const mail = await simpleParser(raw)
  const parts: PartInput[] = []

  if (typeof mail.text === 'string') {
    parts.push({ content: Buffer.from(mail.text), origin: 'body-text', declaredType: 'text/plain' })
  }
  for (const attachment of mail.attachments) {
    parts.push({
      content: attachment.content,
      declaredType: attachment.contentType,
      filename: attachment.filename,
    })
  }

  return messageOf(...parts)
}

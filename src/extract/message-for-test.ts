// Builds parse-stage output by hand for the extract tests.
import type { Message, MessagePart } from '../mime/types.js'

export type PartInput = Partial<MessagePart> & { readonly content: Buffer }

/** A message whose parts are `inputs`, numbered "1", "2", ... unless an id is given. */
export function messageOf(...inputs: PartInput[]): Message {
  const parts = inputs.map((input, i): MessagePart => ({
    id: String(i + 1),
    declaredType: 'application/octet-stream',
    filename: undefined,
    disposition: 'attachment',
    depth: 0,
    origin: 'attachment',
    ...input,
  }))

  return {
    headers: {
      messageId: undefined,
      subject: '',
      from: [],
      sender: [],
      replyTo: [],
      to: [],
      cc: [],
      date: undefined,
      tenantId: undefined,
      networkMessageId: undefined,
      msipLabels: undefined,
      autoSubmitted: undefined,
      inboxRulesLoop: undefined,
    },
    parts,
    problems: [],
    size: parts.reduce((sum, p) => sum + p.content.length, 0),
  }
}

/** All texts of one extraction joined, for "contains" checks. */
export function allText(extraction: { texts: readonly { text: string }[] }): string {
  return extraction.texts.map((t) => t.text).join('\n')
}

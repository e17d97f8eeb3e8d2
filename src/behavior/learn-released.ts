// Learning a message that leaves the quarantine: justified by its sender, or released by an
// operator. It was held, so it was never learned; once it goes out it is part of the habit, and
// the recipient the sender justified is not asked about again.
import type { Config } from '../config/index.js'
import type { Inspector } from '../inspect/index.js'
import type { BaselineStore } from '../store/baseline-types.js'
import { describeSend } from './describe-send.js'
import { learnSend } from './learn-send.js'
import { sendInputFrom } from './send-input.js'

/** A quarantined message as the release path has it (QuarantineRecord fields plus the bytes). */
export interface ReleasedSend {
  /** The envelope sender (MAIL FROM) as quarantined. */
  readonly sender: string
  /** The envelope recipients (RCPT TO, Bcc included) as quarantined. */
  readonly recipients: readonly string[]
  /** When the relay received it: the send is learned at that time of the week. */
  readonly receivedAt: Date
  readonly raw: Buffer
}

export interface ReleaseLearning {
  readonly config: Pick<Config, 'internalDomains' | 'behavior' | 'limits'>
  /** Re-reads the message: attachments and sensitive values are part of what is learned. */
  readonly inspector: Inspector
  /** The relay's baselines (`baselinesFor(config.dataDir, config.behavior)`); none: no-op. */
  readonly baselines: BaselineStore | undefined
}

/**
 * Learns a held message once it is released, exactly as the relay learns a message it
 * delivers. Call it once per message, after the release has succeeded (the store's atomic
 * `release` returned ok), never for a rejected or expired one. Returns whether it learned.
 *
 * @example
 * const done = await store.release(id, actor, note)
 * if (done.ok) await learnReleasedSend({ ...record, raw: await store.readRaw(id) }, ctx)
 */
export async function learnReleasedSend(
  released: ReleasedSend,
  ctx: ReleaseLearning,
): Promise<boolean> {
  if (ctx.baselines === undefined || !ctx.config.behavior.enabled) return false

  const content = await ctx.inspector.inspect(released.raw, ctx.config.limits.inspectTimeoutMs)
  const envelope = {
    mailFrom: released.sender,
    rcptTo: released.recipients,
    clientAddress: '',
    heloName: '',
    tls: false,
  }
  const input = sendInputFrom(envelope, content, released.receivedAt)
  const features = await describeSend(input, {
    internalDomains: ctx.config.internalDomains,
    settings: ctx.config.behavior,
    baselines: ctx.baselines,
  })
  return learnSend(features, ctx.baselines)
}

// Personal webmail that looks like the sender's own: work sent "just this once" to a private
// mailbox at a free-mail provider.
import type { ProfiledRecipient, SendView } from './send-view.js'
import { editDistance, nameTokens } from './similarity.js'
import type { BehaviorSignal } from './types.js'

/** Below this many earlier sends to the mailbox it is not yet a habit. */
const HABIT_SENDS = 3

/**
 * Signals a free-mail recipient whose mailbox resembles the sender's name while it is new or
 * rare for the sender. Once it is the sender's known private address (written to, and so
 * justified or released, HABIT_SENDS times) it is a habit like any other; content rules still
 * apply to what goes there. The sender's own address (a copy to oneself) is never asked about.
 */
export function personalWebmailSignals(view: SendView): BehaviorSignal[] {
  const tokens = ownNameTokens(view)
  if (tokens.length === 0) return []

  const hasFiles = view.attachments.count > 0
  const hasData = view.findings > 0
  const signals: BehaviorSignal[] = []
  for (const recipient of view.recipients) {
    if (!recipient.isFreeMail || !recipient.isExternal) continue
    if (recipient.key === view.senderAddress) continue
    if (recipient.sentBefore >= HABIT_SENDS) continue
    if (!resemblesSender(recipient, tokens, view.senderAddress)) continue

    const carried = hasData
      ? ', and this send carries sensitive data'
      : hasFiles
        ? ', and this send carries files'
        : ''
    signals.push({
      code: 'personal-webmail',
      text: `${recipient.address} is a personal webmail address that resembles your own name${carried}`,
      recipients: [recipient.address],
    })
  }
  return signals
}

function ownNameTokens(view: SendView): string[] {
  const local = view.senderAddress.slice(0, view.senderAddress.lastIndexOf('@'))
  const names = [...nameTokens(local), ...nameTokens(view.senderName)]
  return [...new Set(names.filter((token) => token.length >= 3))]
}

/**
 * True when the mailbox holds most of a name of the sender's (jtownse for Judy Townsend), or
 * is a spelling of the sender's own mailbox name a couple of letters off.
 */
function resemblesSender(
  recipient: ProfiledRecipient,
  tokens: readonly string[],
  senderAddress: string,
): boolean {
  const mailbox = nameTokens(recipient.local).join('')
  if (mailbox.length < 3) return false

  const significant = tokens.filter((token) => token.length >= 4)
  const holdsName = significant.some((token) =>
    mailbox.includes(token.slice(0, Math.max(4, token.length - 2))),
  )
  if (holdsName) return true

  const own = nameTokens(senderAddress.slice(0, senderAddress.lastIndexOf('@'))).join('')
  return own.length >= 5 && editDistance(mailbox, own, 2) <= 2
}

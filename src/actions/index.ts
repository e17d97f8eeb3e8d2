export { createNextHop, splitHostPort } from './next-hop.js'
export type { DeliveryResult, NextHop, NextHopOptions, Refusal } from './next-hop.js'
export { composeNotice, noticeScope } from './notice.js'
export type { NoticeInput, NoticeKind } from './notice.js'
export {
  DEFAULT_TEMPLATES_DIR,
  loadNoticeTemplates,
  NOTICE_KINDS,
  NOTICE_VARIABLES,
} from './notice-templates.js'
export type { NoticeTemplates, TemplatesResult } from './notice-templates.js'
export { aboutRecord, composeNotices, pendingRecipients } from './notices.js'
export type { NoticeAbout, NoticeContext, NoticeDetails, Undelivered } from './notices.js'
export { finishPartialDelivery } from './partial-delivery.js'
export type { ForwardedMessage, PartialDeliveryContext } from './partial-delivery.js'
export { narrateHold } from './narrative.js'
export { visibleText } from './visible-text.js'
export type { NarrativeInput } from './narrative.js'
export {
  OutboxRunner,
  sendOutboxItem,
  backoffMs,
  outboxPolicyFrom,
  DEFAULT_OUTBOX_POLICY,
} from './outbox-runner.js'
export type { OutboxPolicy, SendOutcome } from './outbox-runner.js'
export { viewFindings, describePart } from './report.js'
export type { FindingView, VerdictReport } from './report.js'
export { loadOrCreateJustifyKey, readReplyRecipient, replyAddressFor } from './justify-token.js'
export type { ReplyRecipient } from './justify-token.js'
export { handleReplyRecipients } from './justification.js'
export type { IgnoredReason, Reply, ReplyContext, ReplyVerdict } from './justification.js'
export { learnReleases } from './learn-releases.js'
export { sweep, Sweeper } from './sweep.js'
export type { SweepContext, SweepReport } from './sweep.js'

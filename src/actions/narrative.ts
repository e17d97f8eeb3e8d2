// The operator's narrative of a held message: one paragraph saying who wrote to whom, what was
// found where, which rules held it and what raised the model's risk, with each factor's share
// of the log-odds. Detected data appears only as masked samples.
import type { VerdictReport } from './report.js'

export interface NarrativeInput {
  readonly sender: string
  readonly recipients: readonly {
    readonly address: string
    readonly isExternal: boolean
    readonly sentBefore: number
  }[]
  readonly attachments: { readonly count: number; readonly bytes: number }
  readonly size: number
  readonly report: Pick<VerdictReport, 'reasons' | 'findings' | 'action'> &
    Partial<Pick<VerdictReport, 'risk' | 'riskFactors' | 'model'>>
}

const SAMPLES = 3

/**
 * Tells the hold as a paragraph for the security contact and `quarantine show`.
 *
 * @example
 * narrateHold(input)
 * // 'alice@example.com wrote to desk@partner.example.net (outside the organisation, first
 * //  message to this address); 2 KB, no attachments. Held by policy: ...'
 */
export function narrateHold(input: NarrativeInput): string {
  const who = input.sender === '' ? 'The null sender (<>)' : input.sender
  const to = input.recipients.map(describeRecipient).join(', ')
  const files =
    input.attachments.count === 0
      ? 'no attachments'
      : `${input.attachments.count} attachment${input.attachments.count === 1 ? '' : 's'}`
  const sentences = [`${who} wrote to ${to}; ${kilobytes(input.size)}, ${files}.`]

  const verb = input.report.action === 'justify' ? 'Waiting for the sender to justify it' : 'Held'
  const reasons = input.report.reasons.map((reason) => `${reason.text} [${reason.code}]`)
  sentences.push(
    reasons.length === 0
      ? `${verb}: no rule matched (inspection could not finish).`
      : `${verb} because of: ${reasons.join('; ')}.`,
  )

  const risk = input.report.risk
  if (risk !== undefined && risk !== null) {
    const factors = (input.report.riskFactors ?? []).map(
      (factor) =>
        `${factor.text} (${factor.contribution >= 0 ? '+' : ''}${factor.contribution.toFixed(2)})`,
    )
    const by = factors.length === 0 ? '' : `, raised by: ${factors.join('; ')}`
    sentences.push(`Risk ${risk.toFixed(2)} from ${input.report.model ?? 'the risk model'}${by}.`)
  }

  const samples = input.report.findings
    .filter((finding) => finding.masked !== '')
    .slice(0, SAMPLES)
    .map((finding) => `${finding.masked} (${finding.category}, ${finding.where})`)
  if (samples.length > 0) sentences.push(`Evidence, masked: ${samples.join('; ')}.`)
  return sentences.join(' ')
}

function describeRecipient(recipient: NarrativeInput['recipients'][number]): string {
  if (!recipient.isExternal) return recipient.address
  const history =
    recipient.sentBefore === 0
      ? 'first message to this address'
      : `${recipient.sentBefore} earlier message${recipient.sentBefore === 1 ? '' : 's'}`
  return `${recipient.address} (outside the organisation, ${history})`
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`
}

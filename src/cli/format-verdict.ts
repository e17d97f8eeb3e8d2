// Human-readable rendering of a verdict, for `scan` and `quarantine show`. What came from the
// message (addresses, masked samples, file names, reasons quoting a domain) goes through
// visibleText, so that its control characters cannot forge lines or drive the terminal.
import { visibleText, type VerdictReport } from '../actions/index.js'
import type { Verdict } from '../relay.js'
import type { Envelope } from '../smtp/types.js'

export function formatVerdict(verdict: Verdict, envelope: Envelope): string {
  const lines = [
    `From: ${visibleText(envelope.mailFrom) || '<>'}`,
    ...verdict.features.recipients.map(
      (recipient) =>
        `To:   ${visibleText(recipient.address)}${recipient.isExternal ? '  (external)' : ''}`,
    ),
  ]
  return `${lines.join('\n')}\n${formatReport(verdict.report)}`
}

export function formatReport(report: VerdictReport): string {
  const lines: string[] = []
  const monitored = report.monitored ? ` (monitor mode; policy would ${report.intended})` : ''
  lines.push(`Decision: ${report.action}${monitored}`)
  lines.push(`Risk: ${report.risk === null ? 'no model' : riskLine(report)}`)
  for (const factor of report.riskFactors ?? []) {
    const sign = factor.contribution >= 0 ? '+' : ''
    const text = visibleText(factor.text)
    lines.push(`  ${sign}${factor.contribution.toFixed(2)}  ${text} [${factor.feature}]`)
  }

  lines.push('Reasons:')
  if (report.reasons.length === 0) lines.push('  (none: no rule matched)')
  for (const reason of report.reasons)
    lines.push(`  - ${reason.action}: ${visibleText(reason.text)} [${reason.code}]`)

  lines.push('Findings:')
  if (report.findings.length === 0) lines.push('  (none)')
  for (const finding of report.findings) {
    const sample = visibleText(finding.masked === '' ? (finding.reason ?? '') : finding.masked)
    const notes = [finding.where, `confidence ${finding.confidence}`]
    if (finding.boilerplate !== undefined) notes.push(`in ${finding.boilerplate}`)
    lines.push(`  ${finding.category.padEnd(18)} ${sample}  (${notes.join(', ')})`)
  }

  lines.push('Parts:')
  for (const part of report.parts) {
    const outside = part.section === 'outside-parts' ? ' (text outside the MIME parts)' : ''
    const name = part.filename === undefined ? outside : ` ${visibleText(part.filename)}`
    const how =
      part.status === 'inspected'
        ? `inspected by ${part.method}, ${part.textBytes} bytes of text`
        : `${part.status}: ${visibleText(part.reason ?? 'no reason given')}`
    lines.push(
      `  ${part.partId.padEnd(6)} ${part.detectedType}${name} (${part.size} bytes): ${how}`,
    )
  }
  return `${lines.join('\n')}\n`
}

function riskLine(report: VerdictReport): string {
  const model = report.model === undefined ? '' : ` (${report.model})`
  const what = (report.riskFactors ?? []).length > 0 ? '; raised by, in log-odds:' : ''
  return `${(report.risk ?? 0).toFixed(2)}${model}${what}`
}

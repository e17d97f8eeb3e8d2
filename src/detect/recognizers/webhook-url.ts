// WEBHOOK_URL: incoming-webhook URLs (Slack, Microsoft Teams/Power Automate, Discord).
// Anyone holding one can post into the channel, so the URL itself is the secret.
import { definePattern } from '../define-pattern.js'
import { hintWords, mentionsAny } from '../recognizer.js'

// Scheme and host are case-insensitive (RFC 3986 §3.1, §3.2.2): "HTTPS://Hooks.Slack.com/…"
// posts to the same channel, so the pattern ignores case. The paths' character classes hold
// both cases already; their fixed words would not route in another case, so matching them
// anyway costs nothing real.
const WEBHOOK = new RegExp(
  [
    'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,200}',
    'https://[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/-]{40,400}',
    'https://[A-Za-z0-9.-]{1,120}\\.logic\\.azure\\.com(?::443)?/workflows/[A-Za-z0-9]{16,64}/triggers/[^\\s"\'<>]{10,400}sig=[A-Za-z0-9_%-]{20,100}',
    'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,80}',
  ].join('|'),
  'gi',
)

const HTTPS = hintWords(['https://'])

/** The URL with scheme and host in lower case, so one webhook has one fingerprint. */
function canonicalUrl(url: string): string {
  const pathStart = url.indexOf('/', 'https://'.length)
  return url.slice(0, pathStart).toLowerCase() + url.slice(pathStart)
}

export const webhookUrl = definePattern({
  name: 'webhook-url',
  category: 'WEBHOOK_URL',
  pattern: WEBHOOK,
  scope: 'all',
  evidence: 'structure',
  quickCheck: (input) => mentionsAny(input, HTTPS),
  validate: (match) => ({ confidence: 0.9, value: canonicalUrl(match[0]) }),
})

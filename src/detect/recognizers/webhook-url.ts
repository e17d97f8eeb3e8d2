// WEBHOOK_URL: incoming-webhook URLs (Slack, Microsoft Teams/Power Automate, Discord).
// Anyone holding one can post into the channel, so the URL itself is the secret.
import { definePattern } from '../define-pattern.js'

const WEBHOOK = new RegExp(
  [
    'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,200}',
    'https://[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/-]{40,400}',
    'https://[A-Za-z0-9.-]{1,120}\\.logic\\.azure\\.com(?::443)?/workflows/[A-Za-z0-9]{16,64}/triggers/[^\\s"\'<>]{10,400}sig=[A-Za-z0-9_%-]{20,100}',
    'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,80}',
  ].join('|'),
  'g',
)

export const webhookUrl = definePattern({
  name: 'webhook-url',
  category: 'WEBHOOK_URL',
  pattern: WEBHOOK,
  scope: 'all',
  evidence: 'structure',
  quickCheck: (text) => text.includes('https://'),
  validate: (match) => ({ confidence: 0.9, value: match[0] }),
})

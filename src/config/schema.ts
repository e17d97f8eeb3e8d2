// The configuration schema: every key, its type, its default and what it means.
import { z } from 'zod'
import { isCategory } from '../detect/categories.js'
import { isPhoneRegion } from '../detect/index.js'
import { SIGNAL_CODES } from '../behavior/types.js'

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/

/** HOST:PORT; port 0 (any free port) only where `listen` allows it. */
const hostPort = z
  .string()
  .regex(HOST_PORT, 'must be HOST:PORT, e.g. 127.0.0.1:2525')
  .refine((value) => Number(HOST_PORT.exec(value)?.[2] ?? 0) <= 65535, {
    message: 'port must be at most 65535',
  })

const remoteHostPort = hostPort.refine((value) => Number(HOST_PORT.exec(value)?.[2]) !== 0, {
  message: 'port 0 is not a port to connect to',
})

/** A DNS domain name (IDN in Unicode or punycode), e.g. example.com. */
const domain = z
  .string()
  .regex(
    /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)*[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u,
    {
      message: 'must be a domain name like example.com',
    },
  )

/** A mailbox; `localhost` domains are allowed for lab set-ups, so not zod's strict email. */
const mailbox = z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be a mailbox like name@example.com')

const category = z.string().refine(isCategory, {
  error: (issue) =>
    `unknown category id "${String(issue.input)}" (mailward detect --categories lists them)`,
})

const action = z.enum(['release', 'notify', 'justify', 'hold'])

const ruleSchema = z
  .strictObject({
    /** A short name shown in reasons and logs. */
    name: z.string().min(1),
    /** Matches when findings of any of these categories reach `minCount` distinct values. */
    categories: z.array(category).default([]),
    /** Matches when the profile stage raised any of these behaviour signals (docs/behavior.md). */
    signals: z.array(z.enum(SIGNAL_CODES)).optional(),
    /** true: only when the send carries at least one attachment. */
    attachments: z.boolean().optional(),
    /** true: only when a part's declared type or file-name extension names another format. */
    typeMismatch: z.boolean().optional(),
    /**
     * Only when the message (msip_labels) or one of its files carries one of these Purview
     * sensitivity labels, by name or GUID (case-insensitive). With categories, only findings
     * inside the labelled content count: a "General" file holding card numbers.
     */
    labels: z.array(z.string().min(1)).optional(),
    minCount: z.number().int().min(1).default(1),
    minConfidence: z.number().min(0).max(1).default(0.5),
    /** true: only when a recipient is outside `internalDomains`; false: only when none is. */
    externalRecipients: z.boolean().optional(),
    /** Count findings in quoted replies, signatures and disclaimers too (default: no). */
    includeBoilerplate: z.boolean().default(false),
    /**
     * Only when the risk model scores the send at least this (0..1). A rule without it holds
     * whatever the model says: that is how a hard rule is written. In the rules-only decision
     * (the model's training baseline) every rule holds as if this were unset.
     */
    minRisk: z.number().min(0).max(1).optional(),
    /** Outcome findings (UNSCANNABLE) whose reason starts with one of these are not counted. */
    ignoreReasons: z.array(z.string().min(1)).default([]),
    /** When set, only findings whose reason starts with one of these are counted. */
    onlyReasons: z.array(z.string().min(1)).optional(),
    action,
  })
  .refine((rule) => rule.categories.length > 0 || hasCondition(rule), {
    message: 'a rule needs categories, signals, labels or typeMismatch',
    path: ['categories'],
  })

function hasCondition(rule: {
  signals?: readonly string[] | undefined
  labels?: readonly string[] | undefined
  typeMismatch?: boolean | undefined
}): boolean {
  return (
    (rule.signals ?? []).length > 0 || (rule.labels ?? []).length > 0 || rule.typeMismatch === true
  )
}

const probability = z.number().min(0).max(1)

/** A risk level: a probability, or `model` for the threshold the model was trained to. */
const riskLevel = z.union([probability, z.literal('model')])

const riskSchema = z
  .strictObject({
    notify: riskLevel.optional(),
    justify: riskLevel.optional(),
    hold: riskLevel.optional(),
  })
  .refine(
    (levels) => {
      const set = [levels.notify, levels.justify, levels.hold].filter(
        (l): l is number => typeof l === 'number',
      )
      return set.every((level, i) => i === 0 || level > (set[i - 1] ?? 0))
    },
    { message: 'levels must rise: notify < justify < hold' },
  )

const tlsSchema = z.strictObject({
  /** PEM certificate chain; when cert and key are unset a self-signed pair is generated. */
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  /** Offer STARTTLS at all (an Exchange Online connector requires it). */
  enabled: z.boolean().default(true),
})

const nextHopSchema = z.strictObject({
  /** HOST:PORT of the server that receives released mail (the return leg to the tenant). */
  address: remoteHostPort.default('127.0.0.1:2526'),
  /** Refuse to deliver unless the next hop offers STARTTLS. */
  requireTls: z.boolean().default(false),
  /** Check the next hop's certificate (turn off only for a lab next hop). */
  verifyCertificate: z.boolean().default(true),
  /** Name sent in EHLO to the next hop. */
  ehloName: z.string().min(1).optional(),
  /** Milliseconds to wait for each step of the SMTP dialogue with the next hop. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  /** Connections kept open to the next hop and reused, as Exchange Online does with us. */
  maxConnections: z.number().int().min(1).max(100).default(5),
})

const limitsSchema = z.strictObject({
  /**
   * Largest message accepted, in bytes as received. Exchange Online allows 150 MB per mailbox
   * at most (about 200 MB on the wire); 64 MiB covers the 35 MB default plus base64 growth.
   */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  /** Exchange Online's default recipient limit per message is 500. */
  maxRecipients: z.number().int().min(1).max(10_000).default(500),
  /** Open SMTP connections at once; beyond it new connections get 421. */
  maxConnections: z.number().int().min(1).max(10_000).default(200),
  /**
   * Open SMTP connections one client address may hold at once; beyond it new connections from
   * that address get 421 4.7.0, so that one address cannot take all of maxConnections. Exchange
   * Online delivers from many addresses in Microsoft's ranges, and one of them may open several
   * connections at once (an Exchange transport server opens up to 20 to one destination by
   * default, MaxPerDomainOutboundConnections); 50 leaves room above that and still keeps three
   * quarters of the default 200 for everyone else.
   */
  maxConnectionsPerSource: z.number().int().min(1).max(10_000).default(50),
  /**
   * MiB that all messages being received and decided may hold together, from their first DATA
   * chunk to their reply (smtp/byte-budget.ts). maxMessageBytes × maxConnections would allow
   * 12.5 GiB; a message that does not fit gets 452 4.3.1 and the client retries it later.
   * 1 GiB holds sixteen messages of the largest size at once, or thousands of ordinary ones.
   * One client address may hold a quarter of it (smtp/byte-budget.ts).
   */
  maxReceivingMiB: z.number().int().min(1).max(65_536).default(1024),
  /** Wall-clock budget for inspecting one message before the fail mode decides. */
  inspectTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Worker threads for parse, extract and detect (0: one per core). */
  workers: z.number().int().min(0).max(64).default(0),
  /**
   * Most JavaScript heap one worker thread may use, in MiB. Past it V8 ends the worker, the
   * message follows the fail mode and a new worker starts, so that the objects one hostile
   * message makes (strings, findings, parsed structures) cannot take the container's memory:
   * unbounded, each worker could grow to 4 GiB. Reading the whole shared corpus in one thread
   * grows its heap to 145 MB; 1024 MiB also holds the heaviest message tried, 16 MiB of text
   * that is nothing but card numbers (670,000 findings, 11 s, 1.2 GB resident). Byte buffers
   * are outside it (file bytes, what pdf.js decodes), as is PDFium's memory (capped at 512 MiB,
   * pdfium-text.ts): what the engines decode is bounded by the stream check before them
   * (pdf-streams.ts), not by this.
   */
  workerHeapMiB: z.number().int().min(128).max(16_384).default(1024),
  /** Deepest message/rfc822 nesting that is parsed. */
  maxMessageDepth: z.number().int().min(0).max(50).default(8),
})

const noticesSchema = z.strictObject({
  /** Send senders an explanation when their message is notified, held or awaits justification. */
  enabled: z.boolean().default(true),
  /** The From address of notices. */
  from: mailbox.default('mailward@localhost'),
  /** Security team mailbox copied on holds (operator's narrative). */
  securityContact: mailbox.optional(),
  /**
   * Folder of notice templates (`<kind>.txt` and `<kind>.html`), relative to the working
   * directory like dataDir. Unset: the templates shipped in config/templates/.
   */
  templates: z.string().min(1).optional(),
})

// RFC 1035 §2.3.4: labels of 1 to 63 letters, digits and inner hyphens, 253 characters in all;
// no trailing dot. `localhost` names are allowed for lab set-ups.
const DOMAIN_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i

const domainName = z.string().regex(DOMAIN_NAME, 'must be a domain name like dlp.example.com')

const justifySchema = z.strictObject({
  /**
   * Domain of the reply addresses in justify notices (justify+<id>.<mac>@<replyDomain>). Must
   * not be an accepted domain of the tenant: the reply has to leave through the outbound
   * connector like external mail to come back to mailward (docs/architecture.md,
   * "Justification by reply").
   */
  replyDomain: domainName.default('mailward.localhost'),
  /** Hours a sender has to justify a held message before it is rejected as expired. */
  deadlineHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(72),
  /** A justification needs at least this many distinct words (quotes and signature removed). */
  minWords: z.number().int().min(1).max(50).default(3),
  /** ... and at least this many letters and digits. */
  minCharacters: z.number().int().min(1).max(2000).default(15),
  /** Refused replies per message before further replies are ignored without a new notice. */
  maxAttempts: z.number().int().min(1).max(50).default(5),
  /** Replies larger than this (bytes as received) are not read; a reason fits in far less. */
  maxReplyBytes: z
    .number()
    .int()
    .min(4096)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
})

const quarantineSchema = z.strictObject({
  /**
   * Days a decided message (released, rejected, expired) is kept before the sweep purges its
   * bytes and record, and a given-up outbox item's bytes before the sweep drops them. Messages
   * still held are never purged by time.
   */
  retentionDays: z.number().positive().max(3650).default(30),
  /** How often `serve` runs the sweep: expire justification deadlines, purge, learn releases. */
  sweepIntervalSeconds: z.number().int().min(1).max(86_400).default(300),
})

const outboxSchema = z.strictObject({
  /** How often `serve` looks for outbox items that are due. */
  pollSeconds: z.number().min(0.05).max(3600).default(5),
  /** Delay before the first retry; each further retry waits twice as long... */
  retryFirstSeconds: z.number().min(0.01).max(3600).default(30),
  /** ... up to this. */
  retryMaxSeconds: z.number().min(0.01).max(86_400).default(3600),
  /** An item still undelivered after this long is marked failed (`outbox retry` revives it). */
  giveUpHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
})

const behaviorSchema = z.strictObject({
  /** Compare each send with the sender's habit (baselines in <dataDir>/baselines.db). */
  enabled: z.boolean().default(true),
  /** IANA time zone in which the hours of the week are counted, e.g. Europe/Berlin. */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'unknown time zone (use an IANA name like Europe/Berlin)' })
    .default('UTC'),
  /** Weekday working hours, the hour prior until the organisation has its own history. */
  workingHours: z
    .strictObject({
      start: z.number().int().min(0).max(23).default(8),
      end: z.number().int().min(1).max(24).default(18),
    })
    .refine((hours) => hours.start < hours.end, { message: 'start must be before end' })
    .default({ start: 8, end: 18 }),
  /** Released sends before a sender's own habit replaces the organisation's priors. */
  warmupSends: z.number().int().min(1).max(1000).default(10),
  /**
   * Senders kept in memory. Each costs roughly 165 bytes per recipient it knows (80 KiB for a
   * sender who knows 500, bench:behavior, most of it in typed arrays outside the JavaScript
   * heap); a miss reads the sender's rows from disk.
   */
  cacheSenders: z.number().int().min(1).max(1_000_000).default(2000),
  /** Free-mail domains beyond the maintained list (email-providers). */
  freeMailDomains: z.array(z.string().min(1)).default([]),
  /** Outside addresses visible in To/Cc from which the exposed-recipients signal is raised. */
  visibleExternalLimit: z.number().int().min(2).max(1000).default(10),
})

/** A region libphonenumber knows, any case; "UK" gets the hint that the code is GB. */
const phoneRegion = z
  .string()
  .refine((code) => isPhoneRegion(code.toUpperCase()), {
    error: (issue) => {
      const code = String(issue.input)
      const hint = code.toUpperCase() === 'UK' ? 'the United Kingdom is GB' : 'such as GB or US'
      return `unknown phone region "${code}" (use ISO 3166 codes libphonenumber knows, ${hint})`
    },
  })
  .transform((code) => code.toUpperCase())

const detectSchema = z.strictObject({
  /**
   * ISO 3166 regions tried, in order, for phone numbers written without a country code. A
   * deployment in one country does best with that country alone: fewer order numbers read as
   * someone's phone number elsewhere. Numbers written with "+" are checked against every
   * region whatever this says. Unset: the 18 regions of DEFAULT_PHONE_REGIONS (detect).
   */
  phoneRegions: z.array(phoneRegion).min(1).optional(),
})

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    // An unknown zone throws RangeError; that is the answer, not a fault.
    return false
  }
}

export const configSchema = z.strictObject({
  /** HOST:PORT to listen on. */
  listen: hostPort.default('127.0.0.1:2525'),
  /** Name in the greeting and EHLO, and the self-signed certificate's subject. */
  hostname: z.string().min(1).default('mailward.localhost'),
  /** Folder for the database, spool, certificate and secrets. */
  dataDir: z.string().min(1).default('./data'),
  tls: tlsSchema.default(tlsSchema.parse({})),
  /** Source addresses allowed to connect (CIDR); others are refused at connect with 554 5.7.1. */
  sources: z.array(z.string().min(1)).min(1).default(['127.0.0.0/8', '::1/128']),
  /**
   * Exchange Online tenant ids accepted (X-MS-Exchange-CrossTenant-Id). Empty: no tenant check.
   * Every tenant connects from the same Microsoft addresses, so a source CIDR alone is not
   * authentication (M365.md §1.1).
   */
  tenants: z.array(z.string().uuid()).default([]),
  /** Recipient domains that are internal (subdomains included); all others are external. */
  internalDomains: z.array(domain).default([]),
  nextHop: nextHopSchema.default(nextHopSchema.parse({})),
  limits: limitsSchema.default(limitsSchema.parse({})),
  /** What happens when inspection fails: tempfail (451 4.3.0, upstream retries) or hold. */
  failMode: z.enum(['tempfail', 'hold']).default('tempfail'),
  /** Decide and record, but release everything. */
  monitor: z.boolean().default(false),
  notices: noticesSchema.default(noticesSchema.parse({})),
  justify: justifySchema.default(justifySchema.parse({})),
  quarantine: quarantineSchema.default(quarantineSchema.parse({})),
  outbox: outboxSchema.default(outboxSchema.parse({})),
  behavior: behaviorSchema.default(behaviorSchema.parse({})),
  detect: detectSchema.default({}),
  model: z
    .strictObject({
      /**
       * Folder holding risk-model.onnx and its card risk-model.json (default: the models/
       * folder shipped with mailward). Resolved against the working directory.
       */
      dir: z.string().min(1).optional(),
    })
    .default({}),
  policy: z
    .strictObject({
      /**
       * Risk (0..1) from which the model alone asks for an action, its strongest factors as the
       * reason. A level left out is not used; levels must rise with the action.
       */
      risk: riskSchema.default({}),
      rules: z
        .array(ruleSchema)
        .default([])
        .superRefine((rules, ctx) => {
          // Reasons, logs and the audit log name rules: two with one name cannot be told apart.
          const seen = new Set<string>()
          rules.forEach((rule, i) => {
            if (seen.has(rule.name)) {
              ctx.addIssue({
                code: 'custom',
                path: [i, 'name'],
                message: `another rule is already named "${rule.name}"`,
              })
            }
            seen.add(rule.name)
          })
        }),
    })
    .default({ risk: {}, rules: [] }),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info') })
    .default({ level: 'info' }),
})

export type Config = z.infer<typeof configSchema>
export type PolicyRule = z.infer<typeof ruleSchema>
export type RiskLevels = z.infer<typeof riskSchema>
/** Risk levels with `model` replaced by the model's threshold: what policy reads. */
export type ResolvedRiskLevels = { readonly [K in keyof RiskLevels]?: number }
export type RuleAction = z.infer<typeof action>

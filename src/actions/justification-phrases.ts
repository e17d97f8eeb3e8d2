// The vocabulary a justification is judged by, in the languages of our notices' readers
// (English, German, French, Spanish, Italian, Dutch, Portuguese). Words and phrases are
// lower-case and written as the tokenizer in justification-text.ts splits them: a phrase is
// matched on whole words, so "no idea" never matches inside "piano ideas". Each list is a
// judgement call; the tests beside justification-text.ts show both sides of each.

/** Words that say nothing about why a message should go: a reply made only of these is empty. */
export const EMPTY_WORDS: ReadonlySet<string> = wordSet(
  // Assent, requests and thanks.
  'ok okay k kk yes yep yeah sure fine good right correct agreed agree approve approved',
  'confirm confirmed valid legit please pls plz send sent release released go thanks thank',
  'thx ty test testing done na none no nope reason reasons business justified justification',
  'needed urgent urgently asap important now today immediately quickly',
  'ja bitte danke passt oui merci si vale gracias grazie prego dank bedankt obrigado',
  // Pronouns, articles, auxiliaries and particles: a reason needs words besides these.
  "i me my mine we us our you your it its it's this that these those the a an is are was",
  "were be been am i'm do does did don't doesn't can could would will shall should must may",
  'to of and or but so as at by in on for from with not just really very also then there here',
  'what why how who which when',
)

/**
 * Placeholder text and filler words: Lorem Ipsum, the programmer's foo/bar, "blah". A reply
 * that is mostly these (with repeated letters and keyboard runs, judged in code) is filler.
 */
export const PLACEHOLDER_WORDS: ReadonlySet<string> = wordSet(
  'lorem ipsum dolor amet consectetur consectetuer adipiscing adipisicing elit sed eiusmod',
  'tempor incididunt labore dolore magna aliqua enim minim veniam quis nostrud exercitation',
  'ullamco laboris nisi aliquip commodo consequat',
  'foo bar baz qux quux foobar blah bla blabla blablabla yada etc etcetera asdf xyz abc',
  'dummy placeholder filler lalala hmm hm tbd todo',
)

/**
 * Refusals to explain: "I don't know", "just send it", "no comment". Their words do not count
 * towards a reason; a reply with nothing else in it gives none.
 */
export const NO_REASON_PHRASES: readonly string[] = [
  // English
  "don't know",
  'dont know',
  'do not know',
  'dunno',
  'no idea',
  'no clue',
  'not sure',
  'no reason',
  'no comment',
  'whatever',
  'just send',
  'just release',
  'just let it',
  'just do it',
  'just approve',
  'let it go',
  'send it anyway',
  'because i said so',
  'because i can',
  'because i want',
  'trust me',
  'none of your business',
  'not your business',
  'mind your own business',
  "doesn't matter",
  'does not matter',
  "it's fine",
  'it is fine',
  'why not',
  // German
  'weiß nicht',
  'weiss nicht',
  'keine ahnung',
  'kein grund',
  'einfach senden',
  'einfach schicken',
  'einfach freigeben',
  'ist egal',
  'geht dich nichts an',
  'geht sie nichts an',
  // French
  'je ne sais pas',
  'sais pas',
  'aucune idée',
  'aucune raison',
  'peu importe',
  'envoyez-le',
  'envoie-le',
  // Spanish
  'no sé',
  'ni idea',
  'ninguna razón',
  'da igual',
  'envíalo',
  // Italian
  'non lo so',
  'nessuna idea',
  'nessun motivo',
  'non importa',
  // Dutch
  'weet ik niet',
  'geen idee',
  'geen reden',
  'maakt niet uit',
  // Portuguese
  'não sei',
  'nenhuma razão',
  'tanto faz',
]

/**
 * Phrases only an out-of-office message uses: one of them is enough. RFC 3834 headers catch
 * most automatic replies first (justification.ts); these catch the responders that set none.
 */
export const OUT_OF_OFFICE_PHRASES: readonly string[] = [
  'out of the office',
  'out of office',
  'out-of-office',
  'away from the office',
  'limited access to email',
  'limited access to e-mail',
  'limited access to my email',
  'no access to email',
  'when i return',
  'upon my return',
  'until my return',
  'automatic reply',
  'auto-reply',
  'autoreply',
  'nicht im büro',
  'außer haus',
  'ausser haus',
  'abwesenheitsnotiz',
  'nach meiner rückkehr',
  'wieder im büro',
  'wieder erreichbar',
  'absent du bureau',
  'absente du bureau',
  "message d'absence",
  'réponse automatique',
  'à mon retour',
  'fuera de la oficina',
  'respuesta automática',
  'a mi regreso',
  'fuori ufficio',
  'fuori sede',
  'risposta automatica',
  'al mio rientro',
  'niet op kantoor',
  'buiten kantoor',
  'automatisch antwoord',
  'na mijn terugkeer',
  'fora do escritório',
  'resposta automática',
  'no meu regresso',
]

/**
 * Absences that an out-of-office message states with a date of return ("on vacation until
 * Monday", "bis 5. Januar im Urlaub"). Alone they may be part of a reason ("the customer is on
 * holiday"), so they count only together with one of RETURN_WORDS.
 */
export const ABSENCE_PHRASES: readonly string[] = [
  'on vacation',
  'on holiday',
  'on leave',
  'on annual leave',
  'on parental leave',
  'on sick leave',
  'currently away',
  'im urlaub',
  'abwesend',
  'en congé',
  'en congés',
  'en vacances',
  'absent',
  'absente',
  'de vacaciones',
  'ausente',
  'in ferie',
  'assente',
  'met vakantie',
  'afwezig',
  'de férias',
  'ausente do escritório',
]

export const RETURN_WORDS: ReadonlySet<string> = wordSet(
  "until till back return returning returns bis zurück wieder jusqu'au jusqu'à retour hasta",
  'regreso vuelta fino rientro ritorno tot terug terugkeer até regresso',
)

function wordSet(...lines: string[]): ReadonlySet<string> {
  return new Set(lines.join(' ').split(' ').filter(Boolean))
}

// Tell when a part's declared media type or file-name extension lies about its bytes.

type Family =
  | 'pdf'
  | 'zip'
  | 'word'
  | 'excel'
  | 'powerpoint'
  | 'odf'
  | 'image'
  | 'media'
  | 'text'
  | 'rtf'
  | 'gzip'
  | 'tar'
  | 'tnef'
  | 'outlook'
  | 'message'
  | 'executable'
  | 'archive-other'
  | 'key-store'

// Ordered: the first pattern that matches a media type names its family.
const MIME_FAMILIES: readonly (readonly [RegExp, Family])[] = [
  [/^application\/pdf$/, 'pdf'],
  [/wordprocessingml|msword|ms-word/, 'word'],
  [/spreadsheetml|ms-excel/, 'excel'],
  [/presentationml|ms-powerpoint/, 'powerpoint'],
  [/opendocument/, 'odf'],
  [/^application\/(x-)?zip(-compressed)?$/, 'zip'],
  [/^application\/(x-)?g?zip$|^application\/gzip$/, 'gzip'],
  [/^application\/(x-)?tar$/, 'tar'],
  [/ms-tnef/, 'tnef'],
  [/ms-outlook/, 'outlook'],
  [/^message\/(rfc822|global)$/, 'message'],
  [/rtf$/, 'rtf'],
  [/^image\//, 'image'],
  [/^(audio|video)\//, 'media'],
  [/^text\/|\/(json|xml|csv|javascript|x-sh|x-python|sql)$/, 'text'],
  [/msdownload|x-elf|x-executable/, 'executable'],
  [/7z|rar|bzip2|x-xz|zstd/, 'archive-other'],
  [/pkcs12|pkcs-12|pkcs8|java-keystore|pgp-keys|x-pem-file/, 'key-store'],
]

const EXTENSION_FAMILIES: Readonly<Record<string, Family>> = {
  pdf: 'pdf',
  doc: 'word',
  docx: 'word',
  docm: 'word',
  dotx: 'word',
  xls: 'excel',
  xlsx: 'excel',
  xlsm: 'excel',
  ppt: 'powerpoint',
  pptx: 'powerpoint',
  odt: 'odf',
  ods: 'odf',
  odp: 'odf',
  zip: 'zip',
  gz: 'gzip',
  tgz: 'gzip',
  tar: 'tar',
  dat: 'tnef',
  msg: 'outlook',
  eml: 'message',
  rtf: 'rtf',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  txt: 'text',
  csv: 'text',
  json: 'text',
  xml: 'text',
  exe: 'executable',
  '7z': 'archive-other',
  rar: 'archive-other',
  p12: 'key-store',
  pfx: 'key-store',
  jks: 'key-store',
  jceks: 'key-store',
  keystore: 'key-store',
  gpg: 'key-store',
}

// Honest pairs that look like lies: Word opens RTF and HTML saved as .doc, Excel opens CSV and
// HTML saved as .xls, every OOXML/ODF file is a ZIP, a mail saved as .txt (or, by MIME tools,
// as .msg) is text, and
// "winmail.dat" is only TNEF by habit.
const COMPATIBLE: Readonly<Partial<Record<Family, readonly Family[]>>> = {
  word: ['rtf', 'text'],
  excel: ['text'],
  rtf: ['text'],
  zip: ['word', 'excel', 'powerpoint', 'odf'],
  text: ['rtf', 'message'],
  message: ['text'],
  outlook: ['message'],
  // PEM and OpenPGP armour are text, and `.gpg` is also the name of encrypted files.
  'key-store': ['text'],
  tnef: [
    'text',
    'zip',
    'pdf',
    'word',
    'excel',
    'powerpoint',
    'image',
    'media',
    'odf',
    'outlook',
    'message',
  ],
}

function familyOfMime(mime: string): Family | undefined {
  return MIME_FAMILIES.find(([pattern]) => pattern.test(mime))?.[1]
}

/** The extension when it is one of the table's (never an arbitrary piece of a file name). */
function knownExtension(filename: string | undefined): string | undefined {
  const dot = filename?.lastIndexOf('.') ?? -1
  if (filename === undefined || dot === -1) return undefined

  const extension = filename.slice(dot + 1).toLowerCase()
  return Object.hasOwn(EXTENSION_FAMILIES, extension) ? extension : undefined
}

function isConsistent(claimed: Family | undefined, detected: Family | undefined): boolean {
  if (claimed === undefined || detected === undefined || claimed === detected) return true

  return COMPATIBLE[claimed]?.includes(detected) === true
}

/**
 * A short, content-free description of the lie ("declared image/png, detected
 * application/zip"), or undefined when the name and declared type agree with the bytes.
 * Generic types (application/octet-stream) and unknown extensions claim nothing.
 */
export function describeTypeMismatch(
  declaredType: string,
  filename: string | undefined,
  detectedType: string,
): string | undefined {
  const detected = familyOfMime(detectedType)
  const problems: string[] = []

  if (!isConsistent(familyOfMime(declaredType), detected)) {
    problems.push(`declared ${declaredType}`)
  }
  const extension = knownExtension(filename)
  const claimedByName = extension === undefined ? undefined : EXTENSION_FAMILIES[extension]
  if (!isConsistent(claimedByName, detected)) problems.push(`extension .${extension ?? ''}`)

  if (problems.length === 0) return undefined
  return `${problems.join(', ')}, detected ${detectedType}`
}

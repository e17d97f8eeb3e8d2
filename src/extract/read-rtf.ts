// Read RTF parts (and RTF bodies found inside TNEF and Outlook files).
import { textOfRtf } from './rtf-text.js'
import type { ExtractNode, ExtractSession } from './session.js'

/** RTF is 7-bit by definition (RTF 1.9.1 §"RTF syntax"): bytes above 127 come as \'hh. */
export function readRtf(s: ExtractSession, node: ExtractNode): void {
  s.addText(node.id, textOfRtf(node.bytes.toString('latin1')))
}

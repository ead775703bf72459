/**
 * Characters that do not show, or that change how the text around them shows: C0/C1 controls
 * (Cc), invisible format characters (Cf: zero-width space/joiner/non-joiner, word joiner, a
 * byte-order mark inside text, soft hyphen, the bidirectional embeddings, overrides, isolates and
 * marks, tags), and lone surrogates (Cs: half a character; the text is not valid Unicode). In a
 * name they make two names that look the same differ, or a name nobody can type; in prose they
 * can reorder what readers see (an RTL override in a definition). None belongs in a glossary.
 *
 * Written as "only allowed characters, start to end" so the editor JSON Schema gets the same rule
 * as a `pattern` (ECMAScript syntax, read with the u flag by Ajv and editors).
 */
export const SINGLE_LINE_TEXT = /^[^\x00-\x1F\x7F-\x9F\p{Cf}\p{Cs}]*$/u;

/** The same, but tab and line breaks are ordinary in prose (definitions, explanations, examples). */
export const MULTI_LINE_TEXT = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\p{Cf}\p{Cs}]*$/u;

const FIRST_HIDDEN_SINGLE_LINE = /[\x00-\x1F\x7F-\x9F\p{Cf}\p{Cs}]/u;
const FIRST_HIDDEN_MULTI_LINE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\p{Cf}\p{Cs}]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Names of the characters people meet in pasted text, so the message says what to look for. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'NULL'],
  [0x09, 'TAB'],
  [0x0a, 'LINE FEED'],
  [0x0d, 'CARRIAGE RETURN'],
  [0xad, 'SOFT HYPHEN'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE / BYTE ORDER MARK'],
]);

/** Why a text failed SINGLE_LINE_TEXT or MULTI_LINE_TEXT: which character, what it is, and where. */
export function describeHiddenCharacter(text: unknown, lines: 'single' | 'multi'): string {
  if (typeof text !== 'string') return 'must be text';
  const found = (lines === 'single' ? FIRST_HIDDEN_SINGLE_LINE : FIRST_HIDDEN_MULTI_LINE).exec(text);
  if (!found) return 'contains a character that is not allowed';
  const char = found[0];
  const code = char.codePointAt(0)!;
  const name = NAMES.get(code);
  const label = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`;
  // Counted in characters as people count them (code points), from 1.
  const position = Array.from(text.slice(0, found.index)).length + 1;
  return `contains ${label} at character ${position}: ${kindOf(char, lines)}; remove it`;
}

function kindOf(char: string, lines: 'single' | 'multi'): string {
  if (/\p{Cs}/u.test(char)) return 'half of a character (a lone surrogate), so the text is not valid Unicode';
  if (BIDI_CONTROL.test(char)) return 'a bidirectional control, which can reorder how the text is shown';
  if (lines === 'single' && /[\t\n\r]/.test(char)) return 'a line break or tab, which does not belong in a one-line field';
  if (/\p{Cc}/u.test(char)) return 'a control character';
  return 'an invisible character';
}

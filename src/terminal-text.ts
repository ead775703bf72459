/**
 * Characters that a terminal acts on instead of showing: C0 controls, DEL, C1 controls (ESC and
 * CSI start escape sequences that can clear the screen, move the cursor or retitle the window),
 * and the bidi embedding, override and isolate characters, which can reorder the rest of a line so
 * that it reads differently from what was printed.
 */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export interface EscapeOptions {
  /**
   * Keep line feeds as line breaks. For prose that is written in paragraphs (a glossary entry's
   * explanation); a line feed only starts a new line, it cannot change the terminal's state.
   */
  keepLineBreaks?: boolean;
}

/**
 * Text from a user or from glossary data, made safe to print on a terminal: every character in
 * UNSAFE_CHARACTERS is shown as an escape, `\x1b` for one byte wide code points and `\u202e` for
 * the others, so the reader sees that it is there and the terminal does not act on it.
 */
export function escapeControls(text: string, options: EscapeOptions = {}): string {
  return text.replace(UNSAFE_CHARACTERS, (character) => {
    if (character === '\n' && options.keepLineBreaks) return character;
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The characters of UNSAFE_CHARACTERS that JSON.stringify leaves raw: it escapes only C0 controls.
 * Outside strings JSON has only ASCII punctuation and whitespace, so these can only be inside one.
 */
const UNSAFE_LEFT_RAW_BY_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for stdout, which is often a terminal: like JSON.stringify, and DEL, C1 controls and bidi
 * characters written as \u escapes too. It parses to the same value.
 */
export function stringifyJsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_LEFT_RAW_BY_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

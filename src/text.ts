/**
 * Shortens text to at most `max` characters (code points, so an emoji is never cut in half),
 * ending with "…" when something was cut. Most text is short enough as it is, and a string is
 * never longer in code points than in UTF-16 units, so that case costs no array of characters:
 * autocomplete calls this for every one of its 25 choices on every keystroke.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

import type { Category, Entry } from './schema.js';

/**
 * What an entry's answer shows, as plain text parts. The Discord renderer turns this into an
 * embed and the validator measures it, so "fits in an embed" is checked against the real layout.
 */
export interface EntryCard {
  title: string;
  description: string;
  fields: Array<{ name: string; value: string; inline: boolean }>;
}

export function entryCard(entry: Entry, category: Category | undefined): EntryCard {
  const fields: EntryCard['fields'] = [{ name: 'Category', value: category?.name ?? entry.category, inline: true }];
  if (entry.aliases.length > 0) fields.push({ name: 'Also known as', value: entry.aliases.join(', '), inline: true });
  if (entry.example) fields.push({ name: 'Example', value: entry.example, inline: false });
  if (entry.sources && entry.sources.length > 0) {
    fields.push({ name: 'Sources', value: entry.sources.map((source) => `[${source.title}](${source.url})`).join('\n'), inline: false });
  }
  return { title: entry.term, description: `${entry.definition}\n\n${entry.explanation}`, fields };
}

/** Characters Discord counts towards an embed's 6,000 total. */
export function cardLength(card: EntryCard): number {
  let total = characterCount(card.title) + characterCount(card.description);
  for (const field of card.fields) total += characterCount(field.name) + characterCount(field.value);
  return total;
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * Characters as Discord counts them (code points, so an emoji is one): what `[...text].length`
 * gives, without building an array of one-character strings for every text of a large glossary.
 */
export function characterCount(text: string): number {
  // Most text has no surrogate pair at all, and the regular expression engine finds that out
  // several times faster than a loop over the characters.
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

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
  return [card.title, card.description, ...card.fields.flatMap((field) => [field.name, field.value])].reduce(
    (total, text) => total + [...text].length,
    0,
  );
}

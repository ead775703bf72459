import { DISCORD_LIMITS } from './limits.js';
import { cardLength, characterCount, entryCard } from './entry-card.js';
import { compact, normalize } from './normalize.js';
import type { Problem } from './problems.js';
import type { Category, Entry } from './schema.js';
import type { PathSegment } from './parse-file.js';

/** An entry or category with where it came from, so every problem can name file and line. */
export interface Located<T> {
  value: T;
  file: string;
  path: PathSegment[];
  locate(path: readonly PathSegment[]): { line: number; column: number } | undefined;
}

/**
 * The checks that need the whole glossary at once: duplicates, name collisions, relations and
 * categories, and whether each answer fits in Discord's embed. Field-level rules (types, empty
 * or over-long text, URLs) are the schema's job.
 */
export function validateGlossary(categories: ReadonlyArray<Located<Category>>, entries: ReadonlyArray<Located<Entry>>): Problem[] {
  const problems: Problem[] = [];
  const at = (item: Located<Entry> | Located<Category>, field: string | undefined, extraPath: PathSegment[], message: string, severity: Problem['severity'] = 'error') => {
    const position = item.locate([...item.path, ...extraPath]) ?? item.locate(item.path);
    problems.push({
      severity,
      file: item.file,
      ...(position ?? {}),
      ...('term' in item.value ? { entry: item.value.id } : {}),
      ...(field === undefined ? {} : { field }),
      message,
    });
  };

  const categoryById = new Map<string, Located<Category>>();
  for (const category of categories) {
    const earlier = categoryById.get(category.value.id);
    if (earlier) at(category, 'id', ['id'], `category id "${category.value.id}" is declared twice (also in ${earlier.file})`);
    else categoryById.set(category.value.id, category);
  }

  const entryById = new Map<string, Located<Entry>>();
  for (const entry of entries) {
    const earlier = entryById.get(entry.value.id);
    if (earlier) at(entry, 'id', ['id'], `duplicate id "${entry.value.id}" (also in ${earlier.file})`);
    else entryById.set(entry.value.id, entry);
  }

  // Every name must lead to one entry, under the same folding the search engine applies.
  const owners = new Map<string, { entry: Located<Entry>; text: string }>();
  for (const entry of entries) {
    const names: Array<[string, string, PathSegment[]]> = [
      [entry.value.term, 'term', ['term']],
      ...entry.value.aliases.map((alias, index): [string, string, PathSegment[]] => [alias, `aliases[${index}]`, ['aliases', index]]),
    ];
    const ownKeys = new Set<string>();
    for (const [text, field, path] of names) {
      const normalized = normalize(text);
      for (const key of new Set([normalized, `compact:${compact(normalized)}`])) {
        const owner = owners.get(key);
        if (owner && owner.entry.value.id !== entry.value.id) {
          at(entry, field, path, `"${text}" collides with "${owner.text}" of entry "${owner.entry.value.id}" (${owner.entry.file})`);
          break;
        }
        // A spelling that only differs by spaces ("kmeans" for "k-means") is redundant but harmless.
        if (ownKeys.has(key) && !key.startsWith('compact:')) {
          at(entry, field, path, `alias "${text}" repeats a name this entry already has`, 'warning');
          break;
        }
        ownKeys.add(key);
        if (!owner) owners.set(key, { entry, text });
      }
    }
  }

  for (const entry of entries) {
    const { value } = entry;
    if (!categoryById.has(value.category)) at(entry, 'category', ['category'], `unknown category "${value.category}"`);
    const seen = new Set<string>();
    value.related.forEach((target, index) => {
      const field = `related[${index}]`;
      if (target === value.id) at(entry, field, ['related', index], 'an entry cannot be related to itself');
      else if (!entryById.has(target)) at(entry, field, ['related', index], `related id "${target}" does not exist`);
      else if (seen.has(target)) at(entry, field, ['related', index], `related id "${target}" is listed twice`, 'warning');
      else if (!entryById.get(target)!.value.related.includes(value.id)) {
        at(entry, field, ['related', index], `one-way relation: "${target}" does not list "${value.id}" back`, 'warning');
      }
      seen.add(target);
    });

    const card = entryCard(value, categoryById.get(value.category)?.value);
    for (const field of card.fields) {
      const length = characterCount(field.value);
      if (length > DISCORD_LIMITS.embedFieldValue) {
        at(entry, field.name, [], `the "${field.name}" field would be ${length} characters; Discord allows ${DISCORD_LIMITS.embedFieldValue}`);
      }
    }
    const total = cardLength(card);
    if (total > DISCORD_LIMITS.embedTotal) at(entry, undefined, [], `the answer would be ${total} characters; Discord allows ${DISCORD_LIMITS.embedTotal} per embed`);
  }
  return problems;
}

import { z } from 'zod';
import { describeHiddenCharacter, MULTI_LINE_TEXT, SINGLE_LINE_TEXT } from './hidden-characters.js';
import { GLOSSARY_LIMITS as L } from './limits.js';
import { isFindableName } from './normalize.js';

/**
 * The one definition of a glossary file. The runtime validator uses these schemas directly and
 * `npm run schema` writes the editor JSON Schema from them, so the two cannot drift apart.
 */

/**
 * Text shown to readers. A blank text is refused first, and a text with hidden characters (see
 * hidden-characters.ts) before anything is said about its letters: each field gets the one
 * problem that explains it.
 */
const visibleText = (max: number, lines: 'single' | 'multi') =>
  z
    .string()
    .regex(/\S/, { message: 'must not be empty', abort: true })
    .max(max, `must be at most ${max} characters`)
    .regex(lines === 'single' ? SINGLE_LINE_TEXT : MULTI_LINE_TEXT, { error: (issue) => describeHiddenCharacter(issue.input, lines), abort: true });
const oneLine = (max: number) => visibleText(max, 'single');
const prose = (max: number) => visibleText(max, 'multi');

/**
 * A term or alias: something people type to find an entry. It must keep a letter or digit under
 * the search engine's own folding, or no query can ever reach it (an emoji-only alias, "'s").
 * The editor schema cannot run `normalize`, so it leaves this rule to `npm run validate`.
 */
const nameText = (max: number) =>
  oneLine(max).refine(isFindableName, {
    message: 'must contain a letter or digit: without one, no search can find this name (emoji, symbols and punctuation are ignored when matching)',
  });

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(L.idLength, `must be at most ${L.idLength} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug: letters, digits and single hyphens');

const httpUrl = z
  .string()
  .max(1000)
  // The URL parser drops tabs and line breaks and percent-encodes the rest, so a link that passes
  // below could still carry them in the text the bot shows.
  .regex(SINGLE_LINE_TEXT, { error: (issue) => describeHiddenCharacter(issue.input, 'single'), abort: true })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const sourceSchema = z
  .object({
    title: oneLine(L.sourceTitleLength),
    url: httpUrl.meta({ format: 'uri' }),
  })
  .strict();

export const categorySchema = z
  .object({
    id: idSchema,
    name: oneLine(L.categoryNameLength),
    description: prose(L.categoryDescriptionLength),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #5865F2'),
  })
  .strict();

export const entrySchema = z
  .object({
    id: idSchema.describe('Stable slug; never reuse or rename it, buttons refer to it.'),
    term: nameText(L.termLength).describe('The term as displayed.'),
    aliases: z
      .array(nameText(L.aliasLength))
      .max(L.aliasesPerEntry)
      .default([])
      .describe('Abbreviations, acronyms, alternate names and spellings.'),
    category: idSchema.describe('The id of a declared category.'),
    definition: prose(L.definitionLength).describe('One or two sentences.'),
    explanation: prose(L.explanationLength).describe('A paragraph or two.'),
    related: z.array(idSchema).max(L.relatedPerEntry).default([]).describe('Ids of terms to read next.'),
    example: prose(L.exampleLength).optional(),
    sources: z.array(sourceSchema).max(L.sourcesPerEntry).optional(),
  })
  .strict();

export const glossaryFileSchema = z
  .object({
    $schema: z.string().optional(),
    categories: z.array(categorySchema).optional(),
    entries: z.array(entrySchema).optional(),
  })
  .strict();

export type Category = z.infer<typeof categorySchema>;
export type Entry = z.infer<typeof entrySchema>;
export type EntryInput = z.input<typeof entrySchema>;
export type GlossaryFile = z.infer<typeof glossaryFileSchema>;

/** The editor schema (JSON Schema 2020-12), derived from the runtime schema. */
export function glossaryJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(glossaryFileSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://glossary-bot.invalid/schema/glossary.schema.json',
    title: 'Glossary file: categories and/or entries',
  };
}

import { z } from 'zod';
import { GLOSSARY_LIMITS as L } from './limits.js';

/**
 * The one definition of a glossary file. The runtime validator uses these schemas directly and
 * `npm run schema` writes the editor JSON Schema from them, so the two cannot drift apart.
 */

const nonEmptyText = (max: number) =>
  z
    .string()
    .regex(/\S/, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(L.idLength, `must be at most ${L.idLength} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug: letters, digits and single hyphens');

const httpUrl = z
  .string()
  .max(1000)
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
    title: nonEmptyText(L.sourceTitleLength),
    url: httpUrl.meta({ format: 'uri' }),
  })
  .strict();

export const categorySchema = z
  .object({
    id: idSchema,
    name: nonEmptyText(L.categoryNameLength),
    description: nonEmptyText(L.categoryDescriptionLength),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #5865F2'),
  })
  .strict();

export const entrySchema = z
  .object({
    id: idSchema.describe('Stable slug; never reuse or rename it, buttons refer to it.'),
    term: nonEmptyText(L.termLength).describe('The term as displayed.'),
    aliases: z
      .array(nonEmptyText(L.aliasLength))
      .max(L.aliasesPerEntry)
      .default([])
      .describe('Abbreviations, acronyms, alternate names and spellings.'),
    category: idSchema.describe('The id of a declared category.'),
    definition: nonEmptyText(L.definitionLength).describe('One or two sentences.'),
    explanation: nonEmptyText(L.explanationLength).describe('A paragraph or two.'),
    related: z.array(idSchema).max(L.relatedPerEntry).default([]).describe('Ids of terms to read next.'),
    example: nonEmptyText(L.exampleLength).optional(),
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

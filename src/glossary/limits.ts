/**
 * Discord's documented limits, in one place, so the data validator and the renderers agree on them.
 * Values from Discord's developer documentation (messages, embeds, components, interactions).
 */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooterText: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  actionRows: 5,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  choiceName: 100,
  choiceValue: 100,
  autocompleteChoices: 25,
  messageContent: 2000,
} as const;

/**
 * The glossary's own limits. Chosen so that every field fits where the bot shows it:
 * an id must leave room in a custom_id for a prefix and a second id (the "back" trail),
 * a term is a button label and an autocomplete choice, the definition and explanation share
 * one embed description, an example or the source list is one embed field.
 */
export const GLOSSARY_LIMITS = {
  idLength: 48,
  termLength: DISCORD_LIMITS.buttonLabel,
  aliasLength: 60,
  aliasesPerEntry: 20,
  definitionLength: 400,
  explanationLength: DISCORD_LIMITS.embedDescription - 400 - 2,
  exampleLength: DISCORD_LIMITS.embedFieldValue,
  relatedPerEntry: 10,
  sourcesPerEntry: 5,
  sourceTitleLength: 200,
  categoryNameLength: 100,
  categoryDescriptionLength: 200,
} as const;

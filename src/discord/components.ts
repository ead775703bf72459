import { type APIInteractionResponse, type APIMessageComponentInteraction, ComponentType } from 'discord-api-types/v10';
import { idSchema } from '../glossary/schema.js';
import type { BotContext } from './context.js';
import { decodeCustomId } from './custom-id.js';
import { clickedByOwner } from './interaction.js';
import { renderEntry, type EntryView } from './render/entry.js';
import { renderCategoryOverview, renderCategoryPage } from './render/lists.js';
import { notice, reply, update } from './responses.js';

export const STALE_COMPONENT = 'This button comes from an older version of the bot and no longer works. Run `/define` to look the term up again.';
export const INVALID_COMPONENT = 'That button or menu is not one I recognise, so I did nothing. Run `/define` to look a term up.';

/**
 * The person who asked changes their own message in place; anyone else gets the same view as a
 * private reply, so nobody can rewrite someone else's public answer.
 */
function show(interaction: APIMessageComponentInteraction, view: EntryView): APIInteractionResponse {
  return clickedByOwner(interaction) ? update(view) : reply(view, { ephemeral: true });
}

export function handleComponent(interaction: APIMessageComponentInteraction, context: BotContext): APIInteractionResponse {
  const decoded = decodeCustomId(interaction.data.custom_id);
  if (!decoded.ok) return notice(decoded.reason === 'version' ? STALE_COMPONENT : INVALID_COMPONENT);
  const { action } = decoded;
  switch (action.kind) {
    case 'open':
    case 'back': {
      const entry = context.glossary.entries.get(action.id);
      if (!entry) return notice('That term is no longer in the glossary. Try `/define` or `/search`.');
      const trail = action.trail.filter((id) => context.glossary.entries.has(id));
      return show(interaction, renderEntry(entry, context, { trail }));
    }
    case 'page': {
      const page = renderCategoryPage(context, action.category, action.page);
      return page ? show(interaction, page) : notice('That category no longer exists. Run `/browse` to see the current ones.');
    }
    case 'overview':
      return show(interaction, renderCategoryOverview(context));
    case 'peek': {
      const entry = context.glossary.entries.get(action.id);
      if (!entry) return notice('That term is no longer in the glossary. Try `/define` or `/search`.');
      return reply(renderEntry(entry, context), { ephemeral: true });
    }
    case 'pick': {
      if (interaction.data.component_type !== ComponentType.StringSelect) return notice(INVALID_COMPONENT);
      const chosen = interaction.data.values[0];
      if (chosen === undefined || !idSchema.safeParse(chosen).success) return notice(INVALID_COMPONENT);
      const entry = context.glossary.entries.get(chosen);
      if (!entry) return notice('That term is no longer in the glossary. Try `/define` or `/search`.');
      // A pick from a shared list opens privately, so the list stays for everyone else.
      return reply(renderEntry(entry, context), { ephemeral: true });
    }
  }
}

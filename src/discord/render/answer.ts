import type { ComparisonAnswer, EntryAnswer } from '../../glossary/search/types.js';
import type { BotContext } from '../context.js';
import { renderComparison } from './comparison.js';
import { type EntryView, renderEntry, understoodNote } from './entry.js';

/** What `/define` and a mention show for a query the engine answered: an entry or a comparison, with what was understood. */
export function renderAnswer(answer: EntryAnswer | ComparisonAnswer, typed: string, context: BotContext): EntryView {
  const note = understoodNote(answer, typed);
  const options = note === undefined ? {} : { note };
  if (answer.kind === 'comparison') return renderComparison(answer.entries[0].entry, answer.entries[1].entry, context, options);
  return renderEntry(answer.entry, context, options);
}

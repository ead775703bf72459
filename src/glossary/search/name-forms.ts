import { compact, sortedWords } from '../normalize.js';
import { hashOfWordSet, hashText, hashWithoutSpaces } from './hashing.js';
import { IntMultimap } from './int-multimap.js';
import { stemmedCompact, stemmedWords } from './stems.js';

/** A way two spellings of a normalised name can agree: the same text, the same letters, the same words. */
export interface NameForm {
  /** Equal for any two names with equal `text`. */
  hash(normalized: string): number;
  text(normalized: string): string;
}

export const AS_WRITTEN: NameForm = { hash: hashText, text: (normalized) => normalized };
/** "k means", "k-means" and "kmeans" meet. */
export const WITHOUT_SPACES: NameForm = { hash: hashWithoutSpaces, text: compact };
/** "descent gradient" finds "gradient descent". */
export const WORD_SET: NameForm = { hash: hashOfWordSet, text: sortedWords };

/**
 * Name slots by one form of their normalised name. Stored by the form's hash, so building keeps
 * no extra string per name (a Map keyed by the forms was a large part of building a big
 * glossary); a lookup checks each slot under that hash against the real form.
 */
export class NameFormIndex {
  private readonly slots = new IntMultimap();

  constructor(
    private readonly form: NameForm,
    private readonly nameOf: (slot: number) => string | undefined,
  ) {}

  add(normalized: string, slot: number, hash = this.form.hash(normalized)): void {
    this.slots.add(hash, slot);
  }

  finishBulk(): void {
    this.slots.finishBulk();
  }

  remove(normalized: string, slot: number): void {
    this.slots.remove(this.form.hash(normalized), slot);
  }

  /** The earliest-added slot whose name has the same form as `query`, if any. */
  find(query: string): number | undefined {
    const wanted = this.form.text(query);
    let found: number | undefined;
    this.slots.forEach(this.form.hash(query), (slot) => {
      if (found !== undefined && slot > found) return;
      const name = this.nameOf(slot);
      if (name !== undefined && this.form.text(name) === wanted) found = slot;
    });
    return found;
  }
}

/** Each word stemmed, in order: "distilled" finds "distillation", "recurrent neural networking" finds "recurrent neural network". */
export const STEMMED: NameForm = { hash: (normalized) => hashText(stemmedWords(normalized)), text: stemmedWords };
/** "finetuned" finds "fine-tuning": the stem of the name written as one word. */
export const STEMMED_COMPACT: NameForm = { hash: (normalized) => hashText(stemmedCompact(normalized)), text: stemmedCompact };

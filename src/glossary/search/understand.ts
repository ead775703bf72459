import { foldWord, normalizedWords } from '../normalize.js';
import type { Entry } from '../schema.js';
import { COMPARISON_CUES, COMPARISON_SEPARATORS, CONTEXT_WORDS, DATA_NOUNS, isIncidentalWord, isNameFiller, isStopWord } from './query-words.js';
import { stemWord } from './stems.js';
import type { ComparisonAnswer, EntryAnswer, NameResult, Reading, ResolveResult, Suggestion } from './types.js';

/** What understanding a query needs from the engine. */
export interface TermLookup {
  /** The whole text as one name: exact, alias, or (with 'typos') a typo clearly ahead of every other entry. */
  resolveName(text: string, typos?: 'typos' | 'as written'): NameResult;
  /** Names written among the words (as typed or by word stems), longest first at each position, in order. */
  spot(words: readonly string[]): Reading[];
  /** Names whose words are all among `words` in some form and order (generic ones may be left out). */
  namesWithin(words: readonly string[]): Reading[];
  /**
   * The one entry with a name that begins with these whole words ("ridge" for "ridge regression"),
   * if only one has; of several, the one whose name ends as `alongside`'s does.
   */
  onlyNameStartingWith(text: string, alongside?: Entry): Suggestion | undefined;
  /** The stems of the words an entry's own texts use. */
  entryWords(entry: Entry): ReadonlySet<string>;
  /** The stems of the words of an entry's names and definition. */
  definitionWords(entry: Entry): ReadonlySet<string>;
  /** Whether any name or text of the glossary uses this normalised word. */
  knowsWord(word: string): boolean;
  /** The most words any name has. */
  readonly longestName: number;
  /**
   * Where the glossary's texts use two words together, in this order: in the entry's own texts,
   * only in others', or nowhere. With 'own texts', others' are not searched (the costly part).
   */
  phraseUse(first: string, second: string, entry: Entry, where?: 'anywhere' | 'own texts'): PhraseUse;
}

export type PhraseUse = 'own' | 'elsewhere' | 'nowhere';

const DID_YOU_MEAN = 5;
/**
 * Words of a query that are read. A question is shorter; a message that mentions the bot may be
 * 2,000 characters, and comparing every way of splitting it would hold the bot up for seconds.
 */
const MAX_QUERY_WORDS = 24;
/** A query no longer than the longest name: tried as a mistyped name before names are read among its words. */
function isShort(words: readonly string[], lookup: TermLookup): boolean {
  return words.length <= Math.max(4, lookup.longestName);
}
/** Separators that make a comparison by themselves; the others need a cue word ("difference", "compare"). */
const SEPARATORS_WITHOUT_CUE = new Set(['vs', 'versus', 'v', 'or']);
/**
 * Auxiliaries that open a question whose main verb or adjective comes after the term: "why does
 * my loss explode", "how do i choose a learning rate", "is cot prompting worth it".
 */
const AUXILIARIES = new Set(['do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'might', 'must', 'may', 'is', 'are', 'was', 'were'].map(foldWord));
/** "is" after these asks what something is ("what is policy iteration"): the term follows, not a verb. */
const IDENTITY_QUESTIONS = new Set(['what', 'whats', 'which', 'who', 'wat', 'wats'].map(foldWord));
/** Words that open a question whose verb may come before the term: "what counts as data leakage", "when does early stopping kick in". */
const QUESTION_WORDS = new Set(['what', 'whats', 'why', 'how', 'when', 'where', 'which', 'who', 'wat'].map(foldWord));
/** Prepositions before a name that make it the setting of what is asked ("what was elmo in nlp"). */
const PLACING_WORDS = new Set(['in', 'for', 'with', 'using', 'on', 'from', 'of'].map(foldWord));
/** Words that point at things in general as the other side of a comparison (see againstTheRest). */
const ALTERNATIVES = new Set(['other', 'others', 'older', 'earlier', 'previous', 'prior', 'traditional', 'normal', 'usual', 'regular', 'standard', 'classic', 'alternative', 'rest', 'everything', 'anything', 'else'].map(foldWord));
/** Small words that shape a question or a comparison and begin no name. */
const QUESTION_SHAPES = new Set(['the', 'a', 'an', 'between', 'is', 'are', 'what', 'whats', 'how', 'why', 'and', 'or', 'of', 'to', 'from', 'than', 'as', 'with'].map(foldWord));
/** Counts, which say how many of the object there are, not what it is ("ensembled three models"). */
const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'multiple'].map(foldWord));
/** Comparatives: they qualify a name ("a lower perplexity") and ask for a comparison only with "than" or "or". */
const COMPARATIVES = new Set(['lower', 'higher', 'bigger', 'smaller', 'larger', 'greater', 'fewer', 'longer', 'shorter', 'wider', 'deeper', 'faster', 'slower', 'better', 'worse'].map(foldWord));
const COPULAS = new Set(['is', 'are', 'was', 'were'].map(foldWord));
/** Words after which a question puts its verb: "how do i avoid …", "how to compute …". */
const VERB_OPENERS = new Set(['i', 'we', 'you', 'u', 'they', 'people', 'someone', 'to'].map(foldWord));
const DIFFERENCE_CUES = new Set(['difference', 'differences', 'differ', 'differs', 'different', 'compare', 'comparison', 'contrast', 'distinguish', 'vs', 'versus', 'confused'].map(foldWord));
/** Verbs whose object, in a why or how question, is what is asked about. */
const USE_VERBS = new Set(['use', 'uses', 'using', 'need', 'needs', 'require', 'requires', 'have', 'has', 'add', 'apply'].map(foldWord));
/** Prepositions that end the name on one side of "A or B" ("tsne or umap for visualising"). */
const PHRASE_ENDS = new Set(['for', 'in', 'on', 'with', 'when', 'to', 'at'].map(foldWord));

/**
 * Free text to an answer, in the order a tutor would read it:
 * 1. the whole text as a name, as written; a short text (a name's length, no comparison cue) also
 *    as a name with a typo, since most are;
 * 2. a comparison of two names ("bagging vs boosting", "how is fine tuning different from prompting");
 * 3. one name read among the other words, as written ("leaky relu activation"), in other forms or
 *    order ("augmenting data", "recurrent networks"), when the other words only place it and none
 *    turns it into another concept ("ridge classifier" is not Classification);
 * 4. the whole text as a name with a typo, or a typo once the question words are set aside
 *    ("what exactly is a transfomer").
 * Anything else is "not found", with the names it read and the near misses as suggestions.
 */
export function understandQuery(query: string, lookup: TermLookup): ResolveResult {
  const named = lookup.resolveName(query, 'as written');
  if (named.found) return named;
  const words = normalizedWords(query);
  if (words.length > MAX_QUERY_WORDS) return understandQuery(words.slice(0, MAX_QUERY_WORDS).join(' '), lookup);
  const comparison = compare(words, lookup);
  if (comparison) return comparison;
  const cued = asksToCompare(words);
  // A query as short as a name is most likely a name with a typo, whose other words may happen
  // to name something else ("neural quantum transfex"): the typo reading goes first.
  let direct = isShort(words, lookup) && !cued ? lookup.resolveName(query) : undefined;
  if (direct?.found) return direct;
  const readings = readingsOf(words, lookup);
  // Asked to compare, but only one side is in the glossary: answering that one alone would be
  // answering something else ("dropout vs dropconnect"). Offer what was found instead.
  const askedToCompare = cued && (words.some((word) => COMPARISON_SEPARATORS.includes(word)) || readings.length > 1) && !againstTheRest(words, readings);
  const read = bestReading(words, readings, lookup);
  // Typos after the name read in longer queries: ranking near misses is the costly step, and a
  // name read among the words is surer, unless a word the glossary never uses suggests
  // unfinished or mistyped words ("hyperparameter tunign", "gaussian mixt").
  const unknown = read !== undefined && words.some((word, at) => !read.covered.has(at) && !isIncidentalWord(word) && !lookup.knowsWord(word));
  if (!direct && (!read || unknown)) direct = lookup.resolveName(query);
  if (direct?.found && !askedToCompare) return direct;
  // A short query near a longer name, with a word the reading leaves out that the glossary
  // never uses or a number, is that name mistyped ("global forest e113" for Global Forest 113,
  // "global model objective 25" for … 285), not a shorter name with words around it.
  const nearMiss = isShort(words, lookup) && (direct?.suggestions.length ?? 0) > 0;
  const strayNumber = read !== undefined && words.some((word, at) => !read.covered.has(at) && /\d/.test(word));
  // A name that holds both things compared ("exploring vs exploiting") is still an answer.
  if (read && (!askedToCompare || spansCue(words, read.covered)) && !(nearMiss && (unknown || strayNumber))) {
    const { covered: _covered, ...answer } = read;
    return answer;
  }
  const core = trimmed(words, isStopWord);
  const remainder = core.length > 0 && core.length < words.length && !askedToCompare ? lookup.resolveName(core.join(' ')) : undefined;
  if (remainder?.found) return remainder;

  const candidates = (read ? [read, ...readings] : readings).map(({ entry, matchedText }): Suggestion => ({ entry, matchedText, matchedBy: 'spotted' }));
  candidates.push(...(direct?.suggestions ?? []), ...(remainder?.suggestions ?? []));
  return { kind: 'none', found: false, suggestions: distinctEntries(candidates).slice(0, DID_YOU_MEAN) };
}

/**
 * For autocomplete: the comparison or the name a query asks about, then the other names it
 * contains. The engine asks only when no name starts with the text.
 */
export function understoodSuggestions(partial: string, lookup: TermLookup): Suggestion[] {
  const words = normalizedWords(partial).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return [];
  const comparison = compare(words, lookup);
  if (comparison) {
    const [first, second] = comparison.entries;
    return [{ ...first, comparedWith: second.entry }, first, second];
  }
  const readings = readingsOf(words, lookup);
  const found: Suggestion[] = [];
  const read = bestReading(words, readings, lookup);
  if (read) found.push({ entry: read.entry, matchedText: read.matchedText, matchedBy: read.matchedBy });
  for (const { entry, matchedText } of readings) found.push({ entry, matchedText, matchedBy: 'spotted' });
  return distinctEntries(found);
}

/** Names written in the words, then names whose words are there in other forms or order. */
function readingsOf(words: readonly string[], lookup: TermLookup): Reading[] {
  const spotted = lookup.spot(words);
  if (words.every(isStopWord)) return spotted;
  // Words written as a name are read as that name, not pieced into another reading
  // ("concept drift detection" is not Data Drift, "expectation maximization" not Expected Value).
  const pieced = lookup.namesWithin(words).filter((reading) => !spotted.some((spot) => !spot.byStem && [...reading.covered].every((at) => at >= spot.start && at < spot.end)));
  return [...spotted, ...pieced];
}

/**
 * The reading the words are about, as an answer: of the readings that pass `aboutTheName`, the
 * first named, unless a later one covers more words including its own ("initialise my network
 * weights" is Weight Initialization, not the Weights alone); a whole name before one missing its
 * generic words ("convolving" is Convolution before Convolutional Neural Network). In "why do llms hallucinate", a verb
 * right after the subject of a why/how question, when it names a process, is what is asked about.
 */
function bestReading(words: readonly string[], readings: readonly Reading[], lookup: TermLookup): (EntryAnswer & { covered: ReadonlySet<number> }) | undefined {
  const specific = readings.filter((reading) => !isGeneric(reading));
  const besideAnotherName = (reading: Reading) => readings.some((other) => other.contiguous && other.entry !== reading.entry);
  // "how do i interpret a roc curve": a verb of the asker's that shares a stem with a name
  // ("interpretability") is not what is asked about when a name follows; a verb that names a
  // process ("how do i regularize my cnn") may be.
  const askersVerb = (reading: Reading) =>
    reading.byStem && reading.covered.size === 1 && isVerbSlot(words, reading.start) && !namesAnAction(reading) && readings.some((other) => other.start >= reading.end);
  // A longer reading that holds the verb form, even one that fails, says the verb is not alone
  // ("normalising input features" may be Feature Normalization; it is not Layer Normalization).
  const leads = (reading: Reading) =>
    leadingProcess(words, reading, lookup) && !readings.some((other) => other.entry !== reading.entry && other.covered.size > 1 && other.covered.has(reading.start));
  const leading = readings.find(leads);
  const pool = (specific.length > 0 ? specific : readings).filter(
    (reading) => reading === leading || (aboutTheName(words, reading, lookup) && !(reading.incomplete && besideAnotherName(reading)) && !askersVerb(reading)),
  );
  if (pool.length === 0) return undefined;
  const contains = (outer: Reading, inner: Reading) => outer.covered.size > inner.covered.size && [...inner.covered].every((at) => outer.covered.has(at));
  let best = pool[0]!;
  for (const reading of pool) {
    const sameWords = reading.start === best.start && reading.covered.size === best.covered.size;
    if (
      contains(reading, best) ||
      (!contains(best, reading) && reading.start < best.start) ||
      (reading.start === best.start && reading.covered.size > best.covered.size) ||
      (sameWords && best.incomplete && !reading.incomplete)
    ) {
      best = reading;
    }
  }
  // The process a leading verb form names goes before a thing that merely shares its stem
  // ("labelling images" is Data Labeling, not Label).
  if (leading && best !== leading && best.start === leading.start && best.covered.size === 1 && !namesAnAction(best)) best = leading;
  // "how many clusters should i use for k-means": a later name that holds the first one's
  // (K-Means Clustering holds Clustering) is the narrower thing asked about.
  const subject = pool.find((reading) => reading.start >= best.end && narrows(reading.entry, best.entry)) ?? best;
  const verb = readings.find((reading) => reading.start === subject.end && reading.byStem && namesAnAction(reading) && asksWhyOrHow(words, subject.start));
  // "why do cnns use pooling", "why do transformers need positional encodings": the thing used
  // or needed is what is asked about.
  const object = pool.find((reading) => reading.start > subject.end && asksWhyOrHow(words, subject.start) && words.slice(subject.end, reading.start).some((word) => USE_VERBS.has(word)) && words.slice(subject.end, reading.start).every(isIncidentalWord));
  const chosen = verb ?? object ?? subject;
  const others = words.every((word, at) => chosen.covered.has(at) || isStopWord(word));
  const matchedBy = !others ? 'spotted' : chosen.byStem || chosen.incomplete || !chosen.contiguous ? 'word-form' : chosen.kind === 'term' ? 'exact' : 'alias';
  const suggestions = distinctEntries(
    readings.filter((reading) => reading.entry !== chosen.entry).map(({ entry, matchedText }): Suggestion => ({ entry, matchedText, matchedBy: 'spotted' })),
  );
  return { kind: 'entry', found: true, entry: chosen.entry, matchedBy, matchedText: chosen.matchedText, suggestions, covered: chosen.covered };
}

/**
 * A comparison with things in general rather than with a second term: "why is yolo so fast
 * compared to older stuff", "is bert better than older models". After its cue, the query names no
 * term and says "other", "older" or the like; it is a question about the one term it names.
 */
function againstTheRest(words: readonly string[], readings: readonly Reading[]): boolean {
  const cue = words.findIndex((word) => COMPARISON_CUES.has(word));
  if (cue === -1) return false;
  const after = words.slice(cue + 1);
  return after.some((word) => ALTERNATIVES.has(word)) && !readings.some((reading) => reading.end > cue + 1 && [...reading.covered].some((at) => at > cue));
}

/** Whether the name of `narrower` holds every word of the name of `broader`, and more ("K-Means Clustering" and "Clustering"). */
function narrows(narrower: Entry, broader: Entry): boolean {
  const words = new Set(normalizedWords(narrower.term).map(stemWord));
  const within = normalizedWords(broader.term).map(stemWord);
  return words.size > within.length && within.every((word) => words.has(word));
}

/**
 * A verb form that opens the query and names a process of the glossary: "summarising long
 * documents", "imitating expert demos", "ensembling a few classifiers". What follows is its
 * object, whatever it names, and the name's missing words are generic ones ("Data" Poisoning,
 * Imitation "Learning").
 */
function leadingProcess(words: readonly string[], reading: Reading, lookup: TermLookup): boolean {
  if (reading.covered.size !== 1 || !words.slice(0, reading.start).every(isStopWord)) return false;
  const typed = words[reading.start]!;
  if (!/(?:ing|ed)$/.test(typed) || !namesAnAction(reading) || !(reading.incomplete || normalizedWords(reading.matchedText).length === 1)) return false;
  // The object is something the entry speaks of ("poisoned dataset", "ensembled three models");
  // a word it never uses may make another concept of the two ("normalizing flows" is not Layer
  // Normalization).
  const object = words.slice(reading.end).find((word) => !isStopWord(word) && !NUMBER_WORDS.has(word) && !/^\d+$/.test(word));
  return object === undefined || DATA_NOUNS.has(object) || usesWord(lookup.entryWords(reading.entry), object);
}

/** Whether covered words stand on both sides of a comparison's cue or separator. */
function spansCue(words: readonly string[], covered: ReadonlySet<number>): boolean {
  const positions = [...covered];
  return words.some((word, at) => (COMPARISON_CUES.has(word) || COMPARISON_SEPARATORS.includes(word)) && positions.some((p) => p < at) && positions.some((p) => p > at));
}

/**
 * Whether the other words of a query only place a name, so the name is what is asked about:
 * - inside the name's stretch, only small or generic words or words of the entry's texts may
 *   fall between its words ("testing a hypothesis", "cleaning messy data");
 * - the word right before it is a question word or a generic ML word, or a verb of the question
 *   (see isVerbSlot), because that is where English puts the modifier of another concept
 *   ("ridge classifier", "contrastive loss", "conjugate prior", even where the entry mentions it);
 * - earlier words are question or generic words, or words of the entry's own texts, unless an
 *   auxiliary or a question word opened a question whose verb they are ("how big should my
 *   batch size be", "what counts as data leakage"; not "what was elmo in nlp"). "sycophancy in
 *   llms" is about sycophancy, not LLMs;
 * - the word right after it makes no name that other entries use ("gaussian process", "policy
 *   iteration"), unless it is a word of the entry ("lstm cell"; "bert base" its own entry
 *   explains), and no new name with a one-word name ("label smoothing", "label propagation"):
 *   "svm kernel" is SVM;
 * - later words are what is said about it ("… for segmentation", "… in plain english").
 * A name of generic words only ("Neural Network") takes generic words around it and nothing else.
 * A name read without some of its generic words ("recurrent networks") must not have another
 * generic word beside it, in their place ("bayesian network" is not Bayesian Inference), and
 * every other specific word must belong to its entry; nor can it share the query with another
 * whole name ("kernel pca" is not Kernel Method, see bestReading).
 */
function aboutTheName(words: readonly string[], reading: Reading, lookup: TermLookup): boolean {
  const { start, end, covered } = reading;
  const outside = (at: number) => !covered.has(at);
  let known: ReadonlySet<string> | undefined;
  const belongs = (word: string) => isIncidentalWord(word) || usesWord((known ??= lookup.entryWords(reading.entry)), word);
  if (endsQuestionAsVerb(words, reading)) return true;
  // Inside the name's stretch, small words and words of the entry, but at most one of its words
  // ("cleaning messy data"): more make the stretch a phrase of its own ("target encoding for
  // categorical variables" is not the Target Variable).
  let inserted = 0;
  for (let at = start; at < end; at++) {
    if (!outside(at) || isIncidentalWord(words[at]!)) continue;
    if (!belongs(words[at]!) || ++inserted > 1) return false;
  }
  // A word the glossary never uses, in the phrase that ends with the name (up to a small word),
  // is a mistyped or unknown part of it ("generativexpre-trained transformer"); elsewhere it is
  // usually a library or a model size.
  for (let at = start - 1; at >= 0 && !isStopWord(words[at]!) && !isVerbSlot(words, at); at--) if (!CONTEXT_WORDS.has(words[at]!) && !lookup.knowsWord(words[at]!)) return false;
  // A name of generic words only takes generic words around it; read without some of its words,
  // nothing but small words ("parameter" is Model Parameter, "metric learning" not Machine Learning).
  if (isGeneric(reading)) return words.every((word, at) => !outside(at) || (reading.incomplete ? isStopWord(word) : isIncidentalWord(word)));

  const before = words[start - 1];
  // A verb form that opens the query takes a name of several words as its object ("balancing
  // exploring and exploiting"); before a one-word name it may be a modifier ("smoothing labels").
  const opensWithVerb = start === 1 && before !== undefined && before.endsWith('ing') && covered.size > 1;
  if (before !== undefined && !isIncidentalWord(before) && !isVerbSlot(words, start - 1) && !isSizeOrManner(before) && !opensWithVerb) return false;
  if (reading.incomplete) {
    // A generic word right beside the name may stand in for the missing one ("bayesian network"
    // is not Bayesian Inference); elsewhere it only places it ("recurrent networks in pytorch").
    const beside = (at: number) => at === start - 1 || at === end;
    return words.every((word, at) => !outside(at) || isStopWord(word) || (CONTEXT_WORDS.has(word) ? !beside(at) : usesWord((known ??= lookup.entryWords(reading.entry)), word)));
  }
  const question = opensQuestion(words, start) || (QUESTION_WORDS.has(words[0]!) && !PLACING_WORDS.has(words[start - 1]!));
  if (!question) for (let at = 0; at < start - 1; at++) if (!belongs(words[at]!)) return false;
  if (namesAnotherSubject(words, start, reading, lookup)) return false;
  const after = words[end];
  if (after === undefined || isIncidentalWord(after)) return true;
  // A word may follow the name ("svm kernel", "gradient clipping max norm"), unless the glossary
  // uses the two together as a name of their own ("gaussian process", "policy iteration") and
  // the word is not one of the entry's ("lstm cell" is LSTM), or is a process that makes a new
  // name ("expectation maximization"). After a one-word name an -ing noun makes a new name
  // ("label smoothing", "label encoding", "model merging") unless the definition says the entry
  // is one ("ppo clipping", "glove embeddings"), and so does another process noun unless the
  // entry's texts use it ("label propagation", but "vae reparameterization trick"); after a
  // longer name an -ing noun must be a word of the entry. In a question too, where a verb may
  // follow the name.
  const phrase = lookup.phraseUse(words[end - 1]!, after, reading.entry);
  if (phrase === 'own') return true;
  if (phrase === 'elsewhere') return !reading.byStem && !isActionNoun(after) && usesWord((known ??= lookup.entryWords(reading.entry)), after);
  if (covered.size === 1 && after.endsWith('ing')) return usesWord(lookup.definitionWords(reading.entry), after);
  if (after.endsWith('ing') || (covered.size === 1 && isActionNoun(after))) return belongs(after);
  return true;
}

/**
 * Whether two words before the name, short of the word right before it, name a concept of their
 * own, which the query is about with the name as its setting: a word the glossary never uses
 * before a generic or known one ("how does focal loss deal with class imbalance", "how does
 * flash attention make transformers faster"), or two words the entry's own texts use together
 * ("explain catastrophic forgetting when fine-tuning an llm", "is elastic net just lasso plus
 * ridge", "dice loss for semantic segmentation").
 */
function namesAnotherSubject(words: readonly string[], start: number, reading: Reading, lookup: TermLookup): boolean {
  // A verb of use or need makes the name its object, and the object is what is asked about ("do
  // tree models need feature scaling").
  if (words.slice(0, start).some((word) => USE_VERBS.has(word))) return false;
  for (let at = 0; at + 1 < start - 1; at++) {
    const [first, second] = [words[at]!, words[at + 1]!];
    if (isStopWord(first) || isStopWord(second) || isVerbSlot(words, at) || isVerbSlot(words, at + 1)) continue;
    if (CONTEXT_WORDS.has(first)) continue;
    // Only the entry's own texts are read: the pairs are many, and searching the others' is slow.
    if ((!lookup.knowsWord(first) && (CONTEXT_WORDS.has(second) || lookup.knowsWord(second))) || lookup.phraseUse(first, second, reading.entry, 'own texts') === 'own') return true;
  }
  return false;
}

/**
 * The verb of a why or how question, in another form of a process's name, with only small or
 * generic words after it: "why do chatbots hallucinate", "how do transformers generalise".
 * Whatever its subject is, the process is what is asked about.
 */
function endsQuestionAsVerb(words: readonly string[], reading: Reading): boolean {
  if (reading.covered.size !== 1 || !reading.byStem || !namesAnAction(reading) || !asksWhyOrHow(words, reading.start - 1)) return false;
  return words.slice(reading.end).every(isIncidentalWord);
}

/**
 * Whether the word at `at` is a verb the asker put before the term rather than a modifier of it:
 * after "i", "you", "people" or "to" ("how do i avoid data leakage", "how to compute auc", "why
 * do people remove stop words"), or right after "why", "how" or "what" ("why remove stop words",
 * "what causes vanishing gradients").
 */
function isVerbSlot(words: readonly string[], at: number): boolean {
  const previous = words[at - 1];
  if (previous !== undefined && VERB_OPENERS.has(previous)) return true;
  return at === 1 && (words[0] === 'why' || words[0] === 'how' || words[0] === 'what');
}

/**
 * Words before a name that qualify it without making another concept: a size ("3x3 conv
 * filter"), an adverb ("highly correlated") or a comparative ("is a lower perplexity better").
 */
function isSizeOrManner(word: string): boolean {
  return /\d/.test(word) || (word.length > 4 && word.endsWith('ly')) || COMPARATIVES.has(word);
}

/** Whether an auxiliary before `start` opens a question whose verb may come after it (see AUXILIARIES). */
function opensQuestion(words: readonly string[], start: number): boolean {
  for (let at = 0; at < start; at++) {
    const word = words[at]!;
    if (!AUXILIARIES.has(word)) continue;
    if (COPULAS.has(word) && at > 0 && IDENTITY_QUESTIONS.has(words[at - 1]!)) continue;
    return true;
  }
  return false;
}

function asksWhyOrHow(words: readonly string[], start: number): boolean {
  return (words[0] === 'why' || words[0] === 'how') && opensQuestion(words, start);
}

/** A name for a process, which a verb in the question may stand for: "hallucinate" for Hallucination, "overfit" for Overfitting. */
function namesAnAction(reading: Reading): boolean {
  return isActionNoun(normalizedWords(reading.matchedText).at(-1) ?? '');
}

/** A noun for a process or state, by its ending: "smoothing", "detection", "deployment", "variance". */
function isActionNoun(word: string): boolean {
  return /(?:tion|sion|ing|ment|ance|ence)$/.test(word);
}

/**
 * Whether an entry's texts use a word in some form. Porter stems do not always meet ("classifier"
 * is "classifi", "classification" "classif"), so a long stem that begins another counts too.
 */
function usesWord(known: ReadonlySet<string>, word: string): boolean {
  const stem = stemWord(word);
  if (known.has(stem)) return true;
  if (stem.length < 6) return false;
  for (const other of known) if (other.length >= 6 && (other.startsWith(stem) || stem.startsWith(other))) return true;
  return false;
}

/** A name made of generic words only ("Neural Network", "Loss Function"), judged by the name itself, not by how it was typed. */
function isGeneric(reading: Reading): boolean {
  return normalizedWords(reading.matchedText).every((word) => CONTEXT_WORDS.has(word) || isNameFiller(word));
}

/**
 * Two different entries on either side of a separator: "A vs B", "A v B", "A or B" (each side a
 * name by itself unless a cue word is there too), or with a cue anywhere ("difference between A
 * and B", "how is A different from B", "compare A with B", "is A the same as B"). With a cue and
 * no usable separator, the first two specific names read.
 */
function compare(words: readonly string[], lookup: TermLookup): ComparisonAnswer | undefined {
  if (words.length < 2) return undefined;
  const hasCue = asksToCompare(words);
  for (const separator of COMPARISON_SEPARATORS) {
    if (!SEPARATORS_WITHOUT_CUE.has(separator) && !hasCue) continue;
    // The first two places a separator stands: a question names its two things early.
    for (let at = words.indexOf(separator), tried = 0; at !== -1 && tried < 2; at = words.indexOf(separator, at + 1), tried++) {
      const pair = sidesOf(words.slice(0, at), words.slice(at + 1), lookup, !hasCue);
      if (pair) return comparisonOf(...pair);
    }
  }
  // Without a separator, only a word that asks for the difference itself pairs the two names
  // read ("bias variance difference"); "better" or "instead" alone do not ("why do gpt models
  // use bpe instead of whole words" is about BPE).
  if (!words.some((word) => DIFFERENCE_CUES.has(word))) return undefined;
  const named = distinctEntries(
    lookup
      .spot(words)
      .filter((reading) => !isGeneric(reading))
      .map(({ entry, matchedText }): Suggestion => ({ entry, matchedText, matchedBy: 'spotted' })),
  );
  return named.length >= 2 ? comparisonOf(named[0]!, named[1]!) : undefined;
}

/**
 * A cue word anywhere ("better" and the like only with "than" or "or": "why does a kv cache make
 * generation faster" compares nothing), "the same (as)" ("is knn the same as k means"), or
 * "between … and".
 */
function asksToCompare(words: readonly string[]): boolean {
  return words.some(
    (word, at) =>
      (COMPARISON_CUES.has(word) && (!COMPARATIVES.has(word) || words.some((other) => other === 'than' || other === 'or'))) ||
      (word === 'same' && (at === words.length - 1 || words.slice(at + 1, at + 4).includes('as'))) ||
      (word === 'between' && words.indexOf('and', at) > at),
  );
}

/**
 * The entries on the two sides of a comparison. A side may leave out what both share: "linear vs
 * logistic regression", "top k vs top p sampling", "vanishing vs exploding gradients".
 */
function sidesOf(left: readonly string[], right: readonly string[], lookup: TermLookup, strict: boolean): [Suggestion, Suggestion] | undefined {
  let second = sideAnswer(right, lookup, strict);
  let first = sideAnswer(left, lookup, strict, true, second?.entry);
  second ??= first && sideAnswer(right, lookup, strict, false, first.entry);
  // Only a side with words of its own may borrow, and only what those words change: "it" plus
  // "logistic regression" must not become Regression. What is borrowed ends the other side's
  // name, not the question after it ("top-k or top-p sampling which is better").
  const own = trimmed(left, (word) => isStopWord(word) || COMPARISON_CUES.has(word));
  const lender = trimmed(right, (word) => isStopWord(word) || COMPARISON_CUES.has(word));
  if (!first && second && own.length > 0) {
    for (let shared = 1; shared < Math.min(lender.length, 4) && !first; shared++) {
      const borrowed = lender.slice(-shared);
      const candidate = sideAnswer([...left, ...borrowed], lookup, strict, true);
      if (candidate && candidate.entry !== sideAnswer(borrowed, lookup, strict)?.entry) first = candidate;
    }
  }
  if (!first || !second || first.entry === second.entry) return undefined;
  return [inContextOf(first, left, second.entry, lookup), inContextOf(second, right, first.entry, lookup)];
}

/**
 * A side read as a name without some of its words ("map" as Feature Map) may be the start of
 * a name of the other side's field instead: beside Maximum Likelihood Estimation, "map" is MAP
 * Estimation.
 */
function inContextOf(side: Suggestion, words: readonly string[], other: Entry, lookup: TermLookup): Suggestion {
  if (side.matchedBy !== 'word-form' || side.entry.category === other.category) return side;
  const core = trimmed(words, (word) => isStopWord(word) || COMPARISON_CUES.has(word));
  const started = core.length > 0 ? lookup.onlyNameStartingWith(core.join(' '), other) : undefined;
  return started && started.entry !== other && started.entry.category === other.category ? started : side;
}

function sideAnswer(side: readonly string[], lookup: TermLookup, strict: boolean, first = false, alongside?: Entry): Suggestion | undefined {
  const core = trimmed(side, (word) => isStopWord(word) || COMPARISON_CUES.has(word));
  if (core.length === 0) return undefined;
  // "A or B" without a cue may end in a phrase ("… for visualising"); the name comes before it.
  const phraseEnd = core.findIndex((word) => PHRASE_ENDS.has(word));
  // A name may end in a stop word ("bag of words"), so the side as written comes first; then
  // without question words, without a trailing phrase, and without generic words at its ends
  // ("regression or classification problem").
  const texts = [side.join(' '), core.join(' ')];
  if (strict && phraseEnd > 0) texts.push(core.slice(0, phraseEnd).join(' '));
  const specific = trimmed(core, isIncidentalWord);
  if (specific.length > 0) texts.push(specific.join(' '));
  // "leaky relu or normal relu": the plain one is the name without "normal".
  const plain = trimmed(core, (word) => isIncidentalWord(word) || ALTERNATIVES.has(word));
  if (plain.length > 0) texts.push(plain.join(' '));
  // Typos only in a side short enough to be a name: ranking near misses of a long text is slow.
  const typos = isShort(core, lookup) ? 'typos' : 'as written';
  for (const text of new Set(texts)) {
    // The side with its question words is read only as written ("bag of words"); a typo is
    // looked for in the side without them, which is cheaper and no less likely to find one.
    const name = lookup.resolveName(text, text === texts[0] && core.length < side.length ? 'as written' : typos);
    if (name.found) return { entry: name.entry, matchedText: name.matchedText, matchedBy: name.matchedBy };
  }
  // A name next to the separator: ending the first side ("why use dpo"), starting the second
  // ("lime which explainer is better").
  for (let length = Math.min(core.length - 1, lookup.longestName); length > 0; length--) {
    for (const part of [first ? core.slice(-length) : core.slice(0, length)]) {
      const name = lookup.resolveName(part.join(' '), 'as written');
      if (name.found) return { entry: name.entry, matchedText: name.matchedText, matchedBy: name.matchedBy };
    }
  }
  if (!strict) {
    // The side without its question and cue words, then as written.
    const read = bestReading(core, readingsOf(core, lookup), lookup) ?? (core.length < side.length ? bestReading(side, readingsOf(side, lookup), lookup) : undefined);
    if (read) return { entry: read.entry, matchedText: read.matchedText, matchedBy: read.matchedBy };
  } else {
    // Without a cue, a side is a name by itself, though maybe in another form ("should i fine tune or use rag").
    const whole = readingsOf(core, lookup).find((reading) => !reading.incomplete && reading.covered.size === core.length);
    if (whole) return { entry: whole.entry, matchedText: whole.matchedText, matchedBy: 'word-form' };
  }
  // Beside another term, the first words of a name stand for it ("lasso vs ridge", "nucleus
  // sampling vs top k"), unless they are generic ("parameter" does not begin Parameter-Efficient
  // Fine-Tuning here).
  const start = strict && phraseEnd > 0 ? core.slice(0, phraseEnd) : core;
  if (start.every(isIncidentalWord)) return undefined;
  // A name may begin with a small word the trimming took ("few-shot vs zero-shot").
  const before = side[side.indexOf(core[0]!) - 1];
  const fromSmallWord = before !== undefined && !COMPARISON_CUES.has(before) && !QUESTION_SHAPES.has(before) ? lookup.onlyNameStartingWith([before, ...start].join(' '), alongside) : undefined;
  return fromSmallWord ?? lookup.onlyNameStartingWith(start.join(' '), alongside);
}

function comparisonOf(first: Suggestion, second: Suggestion): ComparisonAnswer {
  return { kind: 'comparison', found: true, entries: [first, second], suggestions: [] };
}

/** The words without a leading and trailing run of words that `drop` accepts. */
function trimmed(words: readonly string[], drop: (word: string) => boolean): string[] {
  let start = 0;
  let end = words.length;
  while (start < end && drop(words[start]!)) start++;
  while (end > start && drop(words[end - 1]!)) end--;
  return words.slice(start, end);
}

function distinctEntries(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<Entry>();
  return suggestions.filter((suggestion) => !seen.has(suggestion.entry) && seen.add(suggestion.entry));
}

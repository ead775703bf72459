import { stem } from 'porter2';
import { compact } from '../normalize.js';

/*
 * Word forms: "distilled" and "distillation", "finetuned" and "fine-tuning", "regularizing" and
 * "regularization" share a Porter2 (Snowball English) stem. The stemmer runs on words already
 * folded by normalize (American spelling, singular), so British forms meet American ones first.
 */

const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;
const LONGEST_WORD = 40;

/** The stem of one folded word. */
export function stemWord(folded: string): string {
  // No English word is this long; a pasted blob is neither stemmed nor remembered.
  if (folded.length > LONGEST_WORD) return folded;
  let stemmed = stems.get(folded);
  if (stemmed === undefined) {
    // Short words and acronyms ("svm", "gan", "iou") are their own stem; porter2 leaves most
    // of them alone anyway, and skipping it keeps them from meeting unrelated words.
    stemmed = folded.length <= 3 ? folded : stem(irregularBase(folded));
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(folded, stemmed);
  }
  return stemmed;
}

/**
 * Irregular verb forms, which no suffix rule reaches: "jailbroken" is a form of "jailbreak",
 * "forgotten" of "forget", "learnt" of "learn". The longer ones also end compounds.
 */
const IRREGULAR_ENDINGS = new Map([
  ['broken', 'break'], ['written', 'write'], ['taken', 'take'], ['chosen', 'choose'], ['driven', 'drive'],
  ['frozen', 'freeze'], ['spoken', 'speak'], ['stolen', 'steal'], ['fallen', 'fall'], ['forgotten', 'forget'],
  ['thrown', 'throw'], ['shown', 'show'], ['grown', 'grow'], ['drawn', 'draw'], ['known', 'know'],
  ['thought', 'think'], ['taught', 'teach'], ['brought', 'bring'], ['caught', 'catch'], ['sought', 'seek'],
  ['understood', 'understand'],
]);
const IRREGULAR_WORDS = new Map([
  ['learnt', 'learn'], ['built', 'build'], ['broke', 'break'], ['took', 'take'], ['chose', 'choose'],
  ['wrote', 'write'], ['drove', 'drive'], ['froze', 'freeze'], ['spoke', 'speak'], ['stole', 'steal'],
  ['forgot', 'forget'], ['began', 'begin'], ['begun', 'begin'], ['made', 'make'], ['kept', 'keep'],
  ['held', 'hold'], ['sent', 'send'], ['spent', 'spend'], ['told', 'tell'], ['gave', 'give'],
  ['given', 'give'], ['went', 'go'], ['gone', 'go'], ['done', 'do'], ['seen', 'see'], ['meant', 'mean'],
]);
const SHORTEST_IRREGULAR_ENDING = 5;

function irregularBase(word: string): string {
  const whole = IRREGULAR_WORDS.get(word) ?? IRREGULAR_ENDINGS.get(word);
  if (whole) return whole;
  // A compound keeps at least three letters of its own ("jail" + "broken").
  for (let at = 3; at <= word.length - SHORTEST_IRREGULAR_ENDING; at++) {
    const base = IRREGULAR_ENDINGS.get(word.slice(at));
    if (base) return word.slice(0, at) + base;
  }
  return word;
}

/** A normalised text with each word stemmed: "fine tuned model" → "fine tune model". */
export function stemmedWords(normalized: string): string {
  if (!normalized.includes(' ')) return stemWord(normalized);
  return normalized.split(' ').map(stemWord).join(' ');
}

/** The stem of a normalised text written as one word: "fine tune" and "finetuned" → "finetun". */
export function stemmedCompact(normalized: string): string {
  return stemWord(compact(normalized));
}

/**
 * Whether a typed word is a name's word in another form ("distilled" of "distillation",
 * "inferencing" of "inference", "autoregressively" of "autoregressive"): the same word; the word
 * with an ending; its short form ("seg"); or the same Porter stem, unless one names an action
 * and the other a quality (see wordKind). A long stem
 * that begins the other, a few letters shorter, counts too, where Porter's suffix rules stop short ("recognising" is
 * "recogn", "recognition" "recognit"); stems that merely start alike do not ("variational" is
 * not "variance").
 */
export function isFormOf(typed: string, nameWord: string): boolean {
  if (typed === nameWord || SHORT_FORMS.get(typed) === nameWord) return true;
  // Cheap tests first: this runs for every word of every candidate name while a query is read.
  if (typed.charCodeAt(0) !== nameWord.charCodeAt(0)) return false;
  if (withEnding(typed, nameWord) || withEnding(nameWord, typed)) return true;
  const x = stemWord(typed);
  // Folding takes the "s" off "bias" ("bia", as in every name and query), which "biased" keeps.
  const y = nameWord.endsWith('ia') ? stemWord(`${nameWord}s`) : stemWord(nameWord);
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter !== longer && !(shorter.length >= 6 && longer.length - shorter.length <= 3 && longer.startsWith(shorter)) && !alternate(x, y)) return false;
  const [first, second] = [wordKind(typed), wordKind(nameWord)];
  return !((first === 'action' && second === 'quality') || (first === 'quality' && second === 'action'));
}

/**
 * Verb and noun stems that Porter's suffix rules leave apart, by the few endings that alternate:
 * "convolve"/"convolution", "evolve"/"evolution"; "maximise"/"maximum", "optimise"/"optimum".
 */
const ALTERNATING_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['olv', 'olut'],
  ['', 'um'],
];

function alternate(x: string, y: string): boolean {
  for (const [one, other] of ALTERNATING_ENDINGS) {
    for (const [verb, noun] of [[x, y], [y, x]] as const) {
      if (verb.length >= 5 && verb.endsWith(one) && noun.endsWith(other) && verb.slice(0, verb.length - one.length) === noun.slice(0, noun.length - other.length)) return true;
    }
  }
  return false;
}

/**
 * Short forms students write for a whole word of a name: "recurrent nets", "xavier init",
 * "instance seg". Only read against a name's words; never folded into the index, where
 * "unet" must still meet "U-Net".
 */
const SHORT_FORMS = new Map([
  ['net', 'network'],
  ['init', 'initialization'],
  ['seg', 'segmentation'],
  ['max', 'maximum'],
  ['min', 'minimum'],
  ['info', 'information'],
  ['param', 'parameter'],
  ['hyperparam', 'hyperparameter'],
  ['prob', 'probability'],
]);

/** `word` is `base` with an inflection or "-ly": "inferencing" from "inference", "benchmarked" from "benchmark". */
function withEnding(word: string, base: string): boolean {
  const root = base.endsWith('e') ? base.slice(0, -1) : base;
  return root.length >= 4 && word.length > root.length && word.startsWith(root) && /^(?:e?s|e?d|ing|e?ly)$/.test(word.slice(root.length));
}

/**
 * What a word's ending makes of it: an action or its result ("activation", "selection",
 * "generating", "convolution"), or a quality ("active", "selectivity", "generative",
 * "convolutional"). Porter gives both the same stem, but they name different things; "-able"
 * and plain words go with either ("interpretable" and "interpretability", "sigmoid" and
 * "sigmoidal", "explaining" and "explainable").
 */
function wordKind(word: string): 'action' | 'quality' | 'either' {
  if (/(?:able|ible|ability|ibility)$/.test(word)) return 'either';
  if (/(?:ive|ivity|al|ality|ity|ness|ous|ic|ical|ism|ful)$/.test(word)) return 'quality';
  if (/(?:tion|sion|ment|ing|ance|ence|ed|ize|er)$/.test(word)) return 'action';
  return 'either';
}

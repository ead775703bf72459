import { foldWord } from '../normalize.js';

/*
 * The words around a term in what students type, sorted by what they tell the engine. All lists
 * are folded like any query word (American spelling, singular), so "what's", "whats" and
 * "normalisation" need no second spelling here.
 */

function folded(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((word) => word !== '').map(foldWord));
}

/**
 * Words that never name a concept: question and request phrasing, pronouns, articles and the
 * small words of English, chat shorthand. Around a term they change nothing about which entry is
 * meant ("what exactly is a transformer", "is dropout only used when training?").
 */
export const STOP_WORDS = folded(`
  a an the this that these those there here it its it's itself they them their theirs
  i im i'm me my mine myself we us our you your yours u ur he she his her
  is are was were be been being am do does did doing done have has had having
  can could would should will shall may might must need needs ought
  what whats what's wat wats waht wht whta which who whom whose why how hows when where whats
  and or nor but if then than so because as of in on at by for from to into onto with without about
  over under between through during before after above below up down out off again further
  not no yes only just also too very really actually exactly basically simply simple essentially
  generally usually typically even still ever much many more most less least some any all each every
  such same other another own both either neither few lot lots kind sort type bit
  please pls plz thanks thank thx hey hi hello ok okay yo guys someone somebody anyone anybody
  explain explained explaining explanation define defined definition definitions describe description
  mean means meant meaning meanings tell told say said know understand understanding learn
  eli5 eli explain-like five 5 beginner beginners simple layman laymans noob newbie intuitively intuitive intuition
  concept concepts idea ideas thing things stuff something anything
  use used uses using useful usefulness purpose point good bad better best worse worst role job
  work works working worked happen happens help helps matter matters important importance
  quick quickly short brief briefly detail details detailed overview summary summarize intro introduction
  example examples e.g eg ie etc vs versus instead rather one first else elses whether
  exist exists called call named name stand stands refer refers refers
  get got getting make makes making made go goes going come comes give gives take takes keep keeps kept
  want wanted like way ways time times new old real basic standard vanilla classic classical plain regular
  why's how's isn't aren't doesn't don't didn't can't cannot won't whats'
`);

/**
 * Words that place a term in machine learning without naming another concept: where it sits in
 * a model, what kind of thing it is, and the libraries students use. "leaky relu activation",
 * "iou metric", "batch norm in pytorch" all mean the term itself.
 */
export const CONTEXT_WORDS = folded(`
  ml ai machine deep learning model models network networks neural net nets nn
  layer layers function functions activation metric metrics measure score loss losses cost objective
  algorithm algorithms method methods technique techniques approach approaches strategy trick
  architecture architectures diagram diagrams formula formulas equation equations math maths mathematical
  derivation proof theory theorem intuition implementation implement implementing code coding python
  pytorch torch tensorflow tf keras jax sklearn scikit scikitlearn numpy pandas huggingface hf library
  paper papers tutorial lecture course homework exam interview question questions answer
  statistic statistics stats probability data science datascience value values parameter parameters
  procedure step steps operation operator module block unit component
  training train trained inference test testing task tasks problem problems
  feature features example framework frameworks tool tools package app apps application applications
  term terms word words
  system systems dashboard platform api service pretrained opencv tradeoff dilemma factor
  number amount text image
`);

/**
 * What a process is applied to: "labelling images", "poisoned samples", "summarising
 * documents". After a verb form that names a process, such a word is its object, not a
 * second half that makes another concept ("normalizing flows").
 */
export const DATA_NOUNS = folded(`
  data dataset datasets image images photo photos picture pictures video videos audio text texts
  document documents sentence sentences word words sample samples example examples point points
  record records row rows column columns file files user users customer customers input inputs
`);

/**
 * Words that ask for a comparison wherever they stand: "difference between …", "… compared to
 * …", "… vs …", "is A better than B". "v" only separates ("svm v logistic
 * regression"); "same" and "between" ask only in "the same as", "… the same", "between A and B"
 * (see asksToCompare in understand.ts).
 */
export const COMPARISON_CUES = folded(`
  difference differences different differ differs differing differentiate distinguish distinction
  compare compared comparing comparison contrast contrasted versus vs diff
  better worse faster slower prefer preferred instead confused confusing
`);

/**
 * Words that may stand between the two things compared, strongest first: "A vs B", "between A
 * and B", "how is A different from B", "A compared to B", "compare A with B", "is A better than
 * B", "is A the same as B", "why use A instead of B", "prefer A over B".
 */
export const COMPARISON_SEPARATORS = ['vs', 'versus', 'v', 'and', 'or', 'from', 'to', 'with', 'than', 'as', 'instead', 'over'].map(foldWord);

/** The small words inside names ("Bag of Words", "Learning to Rank"), which a query may leave out or change. */
const NAME_FILLERS = folded('a an the of and or to for in on with from by');

export function isNameFiller(word: string): boolean {
  return NAME_FILLERS.has(word);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** A word that adds nothing to which concept is meant: a stop word or a context word. */
export function isIncidentalWord(word: string): boolean {
  return STOP_WORDS.has(word) || CONTEXT_WORDS.has(word);
}

/**
 * Text normalisation for matching. The same functions run over glossary keys and over what
 * people type, so any rewrite (British → American, plural → singular) only has to be
 * consistent, not linguistically perfect: "bayes" becoming "baye" on both sides is harmless.
 */

// Maps, not object literals: looking up an arbitrary new word as a property name would first add
// it to the engine's table of property names, which loading a large glossary pays for each word.
const IRREGULAR_SINGULARS = toMap({
  matrices: 'matrix',
  indices: 'index',
  vertices: 'vertex',
  analyses: 'analysis',
  hypotheses: 'hypothesis',
  criteria: 'criterion',
  phenomena: 'phenomenon',
  children: 'child',
  mice: 'mouse',
  people: 'person',
  maxima: 'maximum',
  minima: 'minimum',
  optima: 'optimum',
});

/** British spellings whose American form a suffix rule below would not produce. */
const BRITISH_WORDS = toMap({
  grey: 'gray',
  programme: 'program',
  defence: 'defense',
  licence: 'license',
  offence: 'offense',
  whilst: 'while',
  towards: 'toward',
  artefact: 'artifact',
  artefacts: 'artifact',
  catalogue: 'catalog',
  dialogue: 'dialog',
  analogue: 'analog',
});

function toMap(words: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(words));
}

// Words of six letters or more ending -ise/-ised/-ising/-iser/-isation are spelled -ize in
// American English; the exceptions (exercise, supervise, …) do not matter because both sides
// of a comparison go through the same rule.
const ISE_SUFFIX = /^(\w{3,})is(e|ed|es|ing|er|ers|ation|ations)$/;
const YSE_SUFFIX = /^(\w+)ys(e|ed|es|ing)$/;
const OUR_SUFFIX = /^(\w{2,})our(s|ed|ing|al|able|ite|iz\w*|ful|less)?$/;
const TRE_SUFFIX = /^(\w{3,})tre(s)?$/;
const DOUBLED_L = /^(\w{3,}[aeiou])ll(ed|ing|er|ers)$/;

function americanise(word: string): string {
  const known = BRITISH_WORDS.get(word);
  if (known) return known;
  // Rules chain, so "colourisation" goes through -ise and then -our. Each regex only runs when
  // the letters it rewrites are there: most words (and every acronym) have none of them.
  let result = word;
  if (result.includes('is')) result = result.replace(ISE_SUFFIX, '$1iz$2');
  if (result.includes('ys')) result = result.replace(YSE_SUFFIX, '$1yz$2');
  if (result.includes('our')) result = result.replace(OUR_SUFFIX, '$1or$2');
  if (result.includes('tre')) result = result.replace(TRE_SUFFIX, '$1ter$2');
  if (result.includes('ll')) result = result.replace(DOUBLED_L, '$1l$2');
  return result;
}

function singularise(word: string): string {
  const irregular = IRREGULAR_SINGULARS.get(word);
  if (irregular) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** foldWord without its cache, for callers that keep their own (the search vocabulary). */
export function foldWordUncached(word: string): string {
  return singularise(americanise(word));
}

// Most text is made of a few thousand distinct words, so folding each once saves the regexes.
const foldedWords = new Map<string, string>();
const FOLD_CACHE_LIMIT = 200_000;

/** Folds a word to its matching form: American spelling, singular. */
export function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = foldWordUncached(word);
    if (foldedWords.size >= FOLD_CACHE_LIMIT) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

/**
 * Unicode and punctuation folding: NFKC (full-width forms, ligatures), diacritics removed,
 * lower case, curly quotes and dashes straightened, possessives dropped, and every run of
 * punctuation, hyphens, underscores or white space turned into one space.
 */
export function foldCharacters(text: string): string {
  // Unicode normalisation is the slow part and plain ASCII needs none of it.
  if (/^[\x00-\x7f]*$/.test(text)) {
    const lower = text.toLowerCase().replace(/'s\b|'/g, '');
    return (lower.includes('&') ? lower.replace(/&/g, ' and ') : lower).replace(/[^a-z0-9]+/g, ' ').trim();
  }
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text in their matching form: folded characters, American spelling, singular. */
export function normalizedWords(text: string): string[] {
  if (/^[a-zA-Z0-9 \t\n.,;:!?()"\-/]*$/.test(text)) return plainAsciiWords(text);
  const folded = foldCharacters(text);
  if (folded === '') return [];
  const words = folded.split(' ');
  for (let i = 0; i < words.length; i++) words[i] = foldWord(words[i]!);
  return words;
}

/**
 * The common case, plain ASCII prose without apostrophes or ampersands, split in one pass:
 * explanations are most of the text indexed, and the general path's regexes dominate build time.
 */
function plainAsciiWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(foldWord(lower.slice(start, i)));
      start = -1;
    }
  }
  return words;
}

/** The key two spellings of a term share: case, accents, punctuation, spelling and plurals folded. */
export function normalize(text: string): string {
  return normalizedWords(text).join(' ');
}

/**
 * Whether a name keeps a word under `normalize`, that is, whether any query can find it. Folding
 * drops an ASCII letter only as part of a possessive "'s", and never drops a digit, so a name with
 * a digit or another ASCII letter is findable without normalising it: at 100,000 terms that saves
 * a tenth of a second of loading. Keep this in step if folding ever drops more (stop words).
 */
export function isFindableName(text: string): boolean {
  return /[0-9A-RT-Za-rt-z]/.test(text) || normalize(text) !== '';
}

/** The key with the spaces removed, so "k means", "k-means" and "kmeans" meet. */
export function compact(normalized: string): string {
  return normalized.replace(/ /g, '');
}

/** The key with its words sorted, so "descent gradient" finds "gradient descent". */
export function sortedWords(normalized: string): string {
  return normalized.split(' ').sort().join(' ');
}

// Question phrasing, tried longest first. Matched against the folded text, so "What's a" is
// "whats a" by now.
const QUESTION_PREFIXES = [
  'can someone explain what',
  'can someone explain',
  'can anyone explain',
  'can you explain what',
  'can you explain',
  'could you explain',
  'could someone explain',
  'please explain',
  'please define',
  'explain to me',
  'tell me about',
  'what is meant by',
  'what is the meaning of',
  'what is the definition of',
  'what does the term',
  'what does',
  'what do',
  'how does',
  'how do',
  'meaning of',
  'definition of',
  'define',
  'explain',
  'eli5',
  'what are',
  'what is',
  'whats',
  'what',
  // Hurried spellings of "what is" that students type.
  'wat is',
  'wats',
  'wat',
  'waht is',
  'wht is',
  'whta is',
  'who is',
  'describe',
].map((prefix) => `${prefix} `);
const QUESTION_SUFFIXES = [
  ' stand for',
  ' mean',
  ' means',
  ' refer to',
  ' work',
  ' actually work',
  ' in machine learning',
  ' in deep learning',
  ' in ml',
  ' in ai',
];
const ARTICLES = ['a ', 'an ', 'the '];

function stripPrefix(text: string, prefixes: readonly string[]): string {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return text.slice(prefix.length);
  return text;
}

function stripSuffix(text: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) if (text.endsWith(suffix)) return text.slice(0, -suffix.length);
  return text;
}

/**
 * The forms a query may mean, most specific reading first: with question phrasing and a
 * leading article removed, then with only the question phrasing removed, then as typed.
 * "what is a/b testing" must still find "A/B Testing", so the article-free reading is only
 * a first guess. Every form is already normalised.
 */
export function queryForms(query: string): string[] {
  const folded = foldCharacters(query);
  const withoutQuestion = stripSuffix(stripPrefix(folded, QUESTION_PREFIXES), QUESTION_SUFFIXES).trim();
  const withoutArticle = stripPrefix(withoutQuestion, ARTICLES).trim();
  const forms = [withoutArticle, withoutQuestion, folded]
    .filter((form) => form !== '')
    .map((form) => form.split(' ').map(foldWord).join(' '));
  return [...new Set(forms)];
}

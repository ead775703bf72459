import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/discord/render/answer.js';
import type { BotContext } from '../../src/discord/context.js';
import { openGlossary } from '../../src/glossary/open.js';
import type { Entry } from '../../src/glossary/schema.js';
import { parseComparisonValue, SearchEngine } from '../../src/glossary/search/engine.js';
import { isFormOf } from '../../src/glossary/search/stems.js';
import type { ResolveResult } from '../../src/glossary/search/types.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';

// Expected answers below are the shipped glossary's ids and terms, read from data/glossary.
let engine: SearchEngine;
let context: BotContext;

beforeAll(async () => {
  const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
  if (!opened.ok) throw new Error('shipped glossary invalid');
  engine = opened.value.engine;
  context = { glossary: opened.value.glossary, engine, random: () => 0 };
});

/** What a query resolves to, in one comparable string: an id, "a vs b", or "none". */
function answer(query: string): string {
  const result = engine.resolve(query);
  return describe_(result);
}

function describe_(result: ResolveResult): string {
  switch (result.kind) {
    case 'entry':
      return result.entry.id;
    case 'comparison':
      return `${result.entries[0].entry.id} vs ${result.entries[1].entry.id}`;
    case 'none':
      return 'none';
  }
}

describe('questions and context words around a term', () => {
  it.each([
    ['what exactly is a transformer', 'transformer'],
    ['is dropout only used in training?', 'dropout'],
    ['whats the point of batch norm', 'batch-normalization'],
    ['leaky relu activation', 'leaky-relu'],
    ['svm kernel', 'support-vector-machine'],
    ['batch norm in pytorch', 'batch-normalization'],
    ['iou metric', 'intersection-over-union'],
    ['how big should my batch size be', 'batch-size'],
    ['why do llms hallucinate so much', 'hallucination'],
    // The verb of a why-question, whatever its subject.
    ['why do chatbots hallucinate', 'hallucination'],
    // A verb after "you" or "i" is the asker's, not an unknown part of the name.
    ['how do you calculate f1 score by hand', 'f1-score'],
    // A question word opens a question whose verb may come before the term.
    ['what counts as data leakage', 'data-leakage'],
    // A word the entry uses may follow a name even where another entry uses the two together.
    ['lstm cell gates', 'long-short-term-memory'],
    // An -ing noun after a one-word name, when the definition says it is that kind of thing.
    ['what is ppo clipping exactly', 'proximal-policy-optimization'],
    ['glove embeddings 300d', 'glove'],
    // Compared with things in general, not with a second term.
    ['why is yolo so fast compared to older stuff', 'yolo'],
    ['is bert better than older models', 'bert'],
    // A later name that narrows the first one is what is asked about.
    ['how many clusters should i use for k-means', 'k-means-clustering'],
    // The asker's verb ("interpret") is not Interpretability when a name follows it.
    ['how do i interpret a roc curve pls', 'roc-curve'],
    ['how do i regularize my cnn', 'regularization'],
    // A comparative before the name qualifies it; it makes no other concept.
    ['is a lower perplexity always better?', 'perplexity'],
    // Verbs of the question before the term, after "what", "who", "people".
    ['what causes vanishing gradients', 'vanishing-gradient-problem'],
    ['who is supposed to write a model card', 'model-card'],
    ['why do people remove stop words?', 'stop-words'],
    // "faster" compares nothing without "than" or "or".
    ['what is a kv cache and why does it make generation faster', 'kv-cache'],
    ['number of heads in multi head attention', 'multi-head-attention'],
    // A verb of need makes the name its object, whatever the subject.
    ['do tree models need feature scaling?', 'feature-scaling'],
    // A value beside a name is no word of its own.
    ['top p sampling 0.9', 'top-p-sampling'],
  ])('%s → %s', (query, expected) => {
    expect(answer(query)).toBe(expected);
  });

  it('says the term was found among other words', () => {
    const result = engine.resolve('leaky relu activation');
    expect(result).toMatchObject({ kind: 'entry', matchedBy: 'spotted', matchedText: 'Leaky ReLU' });
  });

  it('keeps the first term named when a question names two', () => {
    expect(answer('adam optimizer learning rate')).toBe('adam-optimizer');
  });
});

describe('word forms', () => {
  it.each([
    ['distilled', 'knowledge-distillation'],
    ['quantised', 'quantization'],
    ['overfitted', 'overfitting'],
    ['regularizing', 'regularization'],
    ['finetuned', 'fine-tuning'],
    ['augmenting data', 'data-augmentation'],
    ['recurrent nets', 'recurrent-neural-network'],
    ['biased algorithms', 'algorithmic-bias'],
    // A small word can be a word of the name.
    ['recognising named entities', 'named-entity-recognition'],
    // Verb and noun stems Porter leaves apart.
    ['convolving an image', 'convolution'],
    ['maximising the likelihood', 'maximum-likelihood-estimation'],
    // Irregular forms, also at the end of a compound.
    ['jailbroken chatgpt', 'jailbreaking'],
    // A verb form that opens the query, naming a process; what follows is its object.
    ['poisoning a training set on purpose', 'data-poisoning'],
    ['imitating expert demos', 'imitation-learning'],
    ['ensembled three models together', 'ensemble-learning'],
    ['labelling images for training', 'data-labeling'],
    ['summarising long documents', 'text-summarization'],
    ['balancing exploring and exploiting', 'exploration-exploitation-tradeoff'],
  ])('%s → %s', (query, expected) => {
    expect(answer(query)).toBe(expected);
  });

  it('reads a name that lacks its generic words, with generic words elsewhere, but not with one in their place', () => {
    expect(answer('recurrent networks in pytorch')).toBe('recurrent-neural-network');
    expect(answer('convolutional networks in keras')).toBe('convolutional-neural-network');
    expect(answer('bayesian network')).toBe('none');
  });

  it('tells forms of a word from words that share a stem but mean something else', () => {
    expect(isFormOf('distilled', 'distillation')).toBe(true);
    expect(isFormOf('inferencing', 'inference')).toBe(true);
    expect(isFormOf('recognising', 'recognition')).toBe(false); // British spelling is folded before this runs
    expect(isFormOf('recognizing', 'recognition')).toBe(true);
    expect(isFormOf('activation', 'active')).toBe(false);
    expect(isFormOf('selection', 'selectivity')).toBe(false);
    expect(isFormOf('generating', 'generative')).toBe(false);
    expect(isFormOf('variational', 'variance')).toBe(false);
    expect(isFormOf('net', 'network')).toBe(true);
    expect(isFormOf('convolving', 'convolution')).toBe(true);
    expect(isFormOf('evolved', 'evolution')).toBe(true);
    expect(isFormOf('convolving', 'convolutional')).toBe(false);
    expect(isFormOf('optimizing', 'optimum')).toBe(true);
    expect(isFormOf('forgotten', 'forgetting')).toBe(true);
    expect(isFormOf('learnt', 'learning')).toBe(true);
    expect(isFormOf('taken', 'token')).toBe(false);
  });
});

describe('comparisons', () => {
  it.each([
    ['difference between bagging and boosting', 'bagging vs boosting'],
    ['gradient descent vs adam', 'gradient-descent vs adam-optimizer'],
    ['precision or recall', 'precision vs recall'],
    ['how is fine tuning different from prompting', 'fine-tuning vs prompt-engineering'],
    ['linear vs logistic regression', 'linear-regression vs logistic-regression'],
    ['boosting vs bagging', 'boosting vs bagging'],
    // The shared word is borrowed from the end of the other name, not from the question after it.
    ['top-k or top-p sampling which is better', 'top-k-sampling vs top-p-sampling'],
    // Of the names a side begins, the one that ends as the other side does.
    ['few-shot versus zero-shot', 'few-shot-learning vs zero-shot-learning'],
    ['nucleus sampling or top k for creative writing', 'top-p-sampling vs top-k-sampling'],
    // Without a cue, a side may still be a name in another form.
    ['should i fine tune or use rag', 'fine-tuning vs retrieval-augmented-generation'],
    ['leaky relu or normal relu, which should i use', 'leaky-relu vs relu'],
    ['type 1 vs type 2 error', 'type-i-error vs type-ii-error'],
    // A side read without some of its words yields to a name of the other side's field.
    ['MLE vs MAP', 'maximum-likelihood-estimation vs maximum-a-posteriori-estimation'],
    ['normal vs binomial distribution', 'normal-distribution vs binomial-distribution'],
  ])('%s → %s, the first named first', (query, expected) => {
    expect(answer(query)).toBe(expected);
  });

  it('never makes a side out of words borrowed from the other one', () => {
    expect(answer('how does it differ from logistic regression')).toBe('none');
    expect(answer('difference between it and batch normalization')).toBe('none');
  });

  it('asks for a comparison only with a cue, not for any "same" or "v"', () => {
    expect(answer('the same dropout rate for all layers')).toBe('dropout');
    expect(answer('use the same tokenizer for bert and gpt')).not.toContain(' vs ');
    expect(answer('is knn the same thing as k means')).toBe('k-nearest-neighbors vs k-means-clustering');
    expect(answer('svm v logistic regression')).toBe('support-vector-machine vs logistic-regression');
  });

  it('does not take a digit for a slip of a letter', () => {
    // "type 1 error" is an alias; "type 3" is one edit from "type i" but no slip of it.
    expect(answer('type 3 error')).toBe('none');
    expect(answer('type 3 vs type 4 error')).toBe('none');
  });

  it('answers one entry whose name holds both sides', () => {
    expect(answer('exploring vs exploiting')).toBe('exploration-exploitation-tradeoff');
  });

  it('does not answer one side alone when the other is not in the glossary', () => {
    const result = engine.resolve('difference between dropout and dropconnect');
    expect(result.kind).toBe('none');
    expect(result.suggestions.map((suggestion) => suggestion.entry.id)).toContain('dropout');
  });

  it('renders both entries side by side with a button that opens each', () => {
    const result = engine.resolve('difference between bagging and boosting');
    if (result.kind !== 'comparison') throw new Error('expected a comparison');
    const view = renderAnswer(result, 'difference between bagging and boosting', context);
    const [embed] = view.embeds;
    expect(embed?.title).toBe('Bagging vs Boosting');
    expect(embed?.fields?.map((field) => field.name)).toEqual(['Bagging · Classical Algorithms', 'Boosting · Classical Algorithms']);
    expect(embed?.footer?.text).toBe('Comparing “Bagging” and “Boosting” for “difference between bagging and boosting”.');
    const buttons = view.components.flatMap((row) => row.components);
    expect(buttons.map((button) => ('custom_id' in button ? button.custom_id : undefined))).toEqual(['g1:e:bagging', 'g1:e:boosting']);
  });
});

describe('no confident wrong answer for concepts the glossary lacks', () => {
  it.each([
    ['brier score', 'bleu-score'],
    ['logits', 'logistic-regression'],
    ['sift', 'instruction-tuning'],
    ['reasoning model', 'model-registry'],
    ['ridge classifier', 'classification'],
    ['gaussian process regression', 'normal-distribution'],
    ['machine unlearning', 'machine-learning'],
    ['label smoothing', 'label'],
    ['kernel pca', 'kernel-trick'],
    ['insurance policy', 'policy'],
    ['metric learning', 'machine-learning'],
    ['label propagation', 'label'],
    ['label encoding', 'label'],
    ['eli5 expectation maximization', 'expected-value'],
    ['what was elmo in nlp', 'natural-language-processing'],
    ['normalizing flows', 'layer-normalization'],
    ['target encoding for categorical variables', 'label'],
    // A concept named first is the subject; the term after it is only its setting.
    ['how does focal loss deal with class imbalance in object detection', 'class-imbalance'],
    ['explain catastrophic forgetting when fine-tuning an llm', 'fine-tuning'],
    ['is elastic net just lasso plus ridge?', 'l1-regularization'],
    ['dice loss for semantic segmentation', 'semantic-segmentation'],
    ['how does flash attention make transformers faster', 'transformer'],
    // A word of its own is no typo: a name is not answered for more words than it has.
    ['elu activation function', 'activation-function'],
  ])('%s is not found (and is not %s)', (query) => {
    expect(answer(query)).toBe('none');
  });

  it('offers what it spotted as did-you-mean instead', () => {
    expect(engine.resolve('ridge classifier').suggestions.map((suggestion) => suggestion.entry.id)).toContain('classification');
  });
});

describe('a mistyped long name is not a shorter name with words around it', () => {
  const entry = (id: string, term: string): Entry => ({ id, term, aliases: [], category: 'c', definition: `About ${term}.`, explanation: 'More.', related: [] });
  const small = new SearchEngine([entry('global-forest', 'Global Forest'), entry('global-forest-113', 'Global Forest 113'), entry('global-forest-285', 'Global Forest 285')]);

  it.each(['global forest e113', 'global forest 25'])('%s is not Global Forest', (query) => {
    const result = small.resolve(query);
    expect(result.kind === 'entry' ? result.entry.id : result.kind).not.toBe('global-forest');
  });

  it('still reads the name among question words', () => {
    expect(small.resolve('what is a global forest exactly')).toMatchObject({ kind: 'entry', entry: { id: 'global-forest' } });
  });
});

describe('long or strange input', () => {
  it('reads a 2,000-character mention as its first 24 words', () => {
    const long = 'precision vs recall or '.repeat(90);
    expect(long.length).toBeGreaterThan(2000);
    expect(answer(long)).toBe(answer(long.split(' ').slice(0, 24).join(' ')));
    expect(answer(long)).toBe('precision vs recall');
  });

  it('does not stem or remember a word longer than any English word', () => {
    expect(engine.resolve('x'.repeat(1000)).kind).toBe('none');
  });
});

describe('autocomplete for several words', () => {
  it('offers the term it spots, first', () => {
    expect(engine.autocomplete('leaky relu activation')[0]).toEqual({ name: 'Leaky ReLU', value: 'leaky-relu' });
  });

  it('offers a comparison as one choice that /define reads back', () => {
    const [first] = engine.autocomplete('gradient descent vs adam');
    expect(first).toEqual({ name: 'Gradient Descent vs Adam Optimizer', value: 'gradient-descent vs adam-optimizer' });
    expect(parseComparisonValue(first!.value)).toEqual(['gradient-descent', 'adam-optimizer']);
    expect(parseComparisonValue('gradient descent vs adam')).toBeUndefined();
  });

  it('still lists names that start with the text first, shortest first', () => {
    expect(engine.autocomplete('gradient desc')[0]?.value).toBe('gradient-descent');
  });
});

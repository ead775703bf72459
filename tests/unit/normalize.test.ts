import { describe, expect, it } from 'vitest';
import { compact, normalize, queryForms } from '../../src/glossary/normalize.js';

describe('normalize', () => {
  it.each([
    ['Gradient Descent', 'GRADIENT   descent'],
    ['Naive Bayes', 'naïve bayes'],
    ['GPU', 'ＧＰＵ'],
    ["Bayes' Theorem", 'Bayes\u2019 theorem'],
    ["Bayes' Theorem", "bayes's theorem"],
    ['K-Nearest Neighbors', 'k nearest neighbours'],
    ['Regularization', 'regularisation'],
    ['Tokenization', 'Tokenisation'],
    ['Batch Normalization', 'batch_normalisation'],
    ['Word Embedding', 'word embeddings'],
    ['Probability', 'probabilities'],
    ['Matrix', 'matrices'],
    ['Colorization', 'colourisation'],
    ['Bag of Words', 'bag-of-words'],
  ])('%s and %s meet', (term, typed) => {
    expect(normalize(typed)).toBe(normalize(term));
  });

  it('keeps distinct words distinct', () => {
    expect(normalize('loss')).not.toBe(normalize('lose'));
    expect(normalize('class')).toBe('class');
    expect(normalize('analysis')).toBe('analysis');
  });

  it('compact form joins hyphenated, spaced and solid spellings', () => {
    expect(compact(normalize('K-Means'))).toBe(compact(normalize('kmeans')));
    expect(compact(normalize('word2vec'))).toBe(compact(normalize('Word 2 Vec')));
    expect(compact(normalize('Bias-Variance Trade-off'))).toBe(compact(normalize('bias variance tradeoff')));
  });
});

describe('queryForms', () => {
  it.each([
    ['What is an LLM?', 'llm'],
    ["what's a transformer", 'transformer'],
    ['whats backprop??', 'backprop'],
    ['define dropout', 'dropout'],
    ['Explain the attention mechanism', 'attention mechanism'],
    ['what does RLHF stand for?', 'rlhf'],
    ['tell me about overfitting', 'overfitting'],
    ['What are embeddings', 'embedding'],
    ['meaning of epoch', 'epoch'],
  ])('%s is first read as %s', (query, expected) => {
    expect(queryForms(query)[0]).toBe(expected);
  });

  it('keeps the literal reading for terms that start like an article', () => {
    expect(queryForms('what is a/b testing')).toContain(normalize('A/B Testing'));
  });

  it('returns nothing for blank or punctuation-only input', () => {
    expect(queryForms('   ?!  ')).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary, type Glossary } from '../../src/glossary/load.js';
import { formatProblem, type Problem } from '../../src/glossary/problems.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';
import { SCHEMA_FILE, schemaText } from '../../scripts/write-schema.js';

// The names issue #4 requires, verbatim.
const MUST_HAVE = `AI Alignment, Accuracy, Activation Function, Adam Optimizer, Adapter Layers, Algorithmic Bias, Attention Mechanism, Autoencoder, BLEU Score, Backpropagation, Batch Normalization, Batch Size, Bayes' Theorem, Bias-Variance Tradeoff, Boltzmann Machine, Chain-of-Thought Prompting, Class Imbalance, Computer Vision, Confusion Matrix, Context Window, Convolutional Neural Network, Cross-Entropy Loss, Cross-Validation, Data Augmentation, Data Leakage, Decision Tree, Deep Learning, Diffusion Model, Dropout, Early Stopping, Embedding, Epoch, Explainable AI, Exploding Gradient Problem, Exploration-Exploitation Tradeoff, F1 Score, Feature Engineering, Few-Shot Learning, Fine-Tuning, Gated Recurrent Unit, Generalization, Generative Adversarial Network, Gradient Boosting, Gradient Descent, Graphics Processing Unit, Hallucination, Hyperparameter, Image Classification, In-Context Learning, Inference, K-Means Clustering, K-Nearest Neighbors, Large Language Model, Layer Normalization, Learning Rate, Linear Regression, Logistic Regression, Long Short-Term Memory, Loss Function, Low-Rank Adaptation, Machine Learning, Markov Decision Process, Maximum Likelihood Estimation, Mean Squared Error, Mixture of Experts, Model Drift, Momentum, Multi-Head Attention, N-gram, Naive Bayes, Named Entity Recognition, Natural Language Processing, Neural Network, Object Detection, Overfitting, Perplexity, Policy Gradient, Pooling, Positional Encoding, Precision, Principal Component Analysis, Prompt Engineering, Q-Learning, Quantization, ROC Curve, Random Forest, ReLU, Recall, Recurrent Neural Network, Regularization, Reinforcement Learning, Reinforcement Learning from Human Feedback, Residual Connection, Retrieval-Augmented Generation, Self-Attention, Self-Supervised Learning, Semantic Segmentation, Semi-Supervised Learning, Sentiment Analysis, Sigmoid Function, Softmax, Stochastic Gradient Descent, Supervised Learning, Support Vector Machine, TF-IDF, Tanh, Temperature, Tensor Processing Unit, Tokenization, Transfer Learning, Transformer, Underfitting, Unsupervised Learning, Vanishing Gradient Problem, Variational Autoencoder, Vision Transformer, Weight Initialization, Word Embedding, Word2Vec, Zero-Shot Learning`
  .split(', ')
  .map((name) => name.trim());

// ajv-formats is CommonJS whose module.exports is the function itself with a `.default` alias; under NodeNext
// TypeScript types the default import as the module record, so use `.default`.
const addFormats = addFormatsModule.default;

/**
 * The editor schema compiled as an editor's validator would use it, including `format` (URLs): without
 * ajv-formats, ajv ignores unknown formats with a warning and accepts any string.
 */
function editorValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

let glossary: Glossary;
let problems: Problem[];

beforeAll(async () => {
  const result = await loadGlossary([SHIPPED_GLOSSARY_DIR]);
  problems = result.problems;
  glossary = result.glossary!;
});

const entries = () => [...glossary.entries.values()];
const byTerm = (term: string) => entries().find((entry) => entry.term === term);
const words = (text: string) => text.trim().split(/\s+/).length;

describe('the shipped glossary', () => {
  it('validates with no errors and no warnings', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('has at least 300 entries across 10 to 14 categories, each category used', () => {
    expect(glossary.entries.size).toBeGreaterThanOrEqual(300);
    expect(glossary.categories.size).toBeGreaterThanOrEqual(10);
    expect(glossary.categories.size).toBeLessThanOrEqual(14);
    for (const category of glossary.categories.keys()) expect(entries().some((entry) => entry.category === category), category).toBe(true);
  });

  it('includes every required term under exactly its name', () => {
    expect(MUST_HAVE).toHaveLength(120);
    const missing = MUST_HAVE.filter((name) => !byTerm(name));
    expect(missing).toEqual([]);
  });

  it('files Batch Size and its neighbours under Deep Learning, with the required relations', () => {
    const batchSize = byTerm('Batch Size')!;
    expect(batchSize.category).toBe('deep-learning');
    for (const name of ['Learning Rate', 'Stochastic Gradient Descent', 'Batch Normalization', 'Epoch', 'Adam Optimizer']) {
      expect(batchSize.related).toContain(byTerm(name)!.id);
    }
    for (const name of ['Activation Function', 'Adam Optimizer', 'Adapter Layers', 'Attention Mechanism', 'Autoencoder', 'Backpropagation', 'Batch Normalization', 'Boltzmann Machine']) {
      expect(byTerm(name)!.category, name).toBe('deep-learning');
    }
  });

  it('gives every entry a short definition, an 80–200 word explanation and 3–8 related terms', () => {
    for (const entry of entries()) {
      expect((entry.definition.match(/[.!?](\s|$)/g) ?? []).length, entry.id).toBeLessThanOrEqual(2);
      expect(words(entry.explanation), entry.id).toBeGreaterThanOrEqual(80);
      expect(words(entry.explanation), entry.id).toBeLessThanOrEqual(200);
      expect(entry.related.length, entry.id).toBeGreaterThanOrEqual(3);
      expect(entry.related.length, entry.id).toBeLessThanOrEqual(8);
    }
  });

  it('keeps Discord markdown out of the prose outside code spans', () => {
    for (const entry of entries()) {
      for (const text of [entry.definition, entry.explanation, entry.example ?? '']) {
        const outsideCode = text.replace(/`[^`]*`/g, '');
        expect(outsideCode, entry.id).not.toMatch(/[*_]|@everyone|@here|<@/);
      }
    }
  });
});

describe('the editor schema', () => {
  it('is the one generated from the runtime schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('accepts every shipped file, as an editor would check it', async () => {
    const validate = editorValidator();
    const files = ['categories.json', ...[...new Set(entries().map((entry) => entry.category))].map((id) => `glossary/${id}.json`)];
    for (const file of files) {
      const data = JSON.parse(readFileSync(path.join(SHIPPED_GLOSSARY_DIR, file), 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects what the runtime validator rejects', () => {
    const validate = editorValidator();
    expect(validate({ entries: [{ id: 'Bad Id', term: 'x', category: 'c', definition: 'd', explanation: 'e' }] })).toBe(false);
    expect(validate({ entries: [{ id: 'ok', term: 'x', category: 'c', definition: '   ', explanation: 'e' }] })).toBe(false);
    expect(validate({ entries: [], surprise: true })).toBe(false);
  });

  it('rejects a source whose url is not a URL, through the schema\'s uri format', () => {
    const validate = editorValidator();
    const withSource = (url: string) => ({
      entries: [{ id: 'ok', term: 'x', category: 'c', definition: 'd', explanation: 'e', sources: [{ title: 'Paper', url }] }],
    });
    expect(validate(withSource('https://example.org/paper')), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withSource('not a url'))).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ keyword: 'format', instancePath: '/entries/0/sources/0/url', params: { format: 'uri' } })]);
  });
});

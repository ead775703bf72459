import type { Entry } from '../src/glossary/schema.js';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same glossary. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODIFIERS = 'adaptive sparse deep stochastic recurrent convolutional bayesian variational contrastive federated robust causal hierarchical latent probabilistic neural spectral graph kernel linear nonlinear residual gated masked multimodal quantized distilled self-supervised semi-supervised online offline dynamic temporal spatial attention-based generative discriminative ensemble gradient-free meta zero-shot few-shot incremental continual differentiable implicit explicit local global'.split(' ');
const HEADS = 'network regression sampling estimation embedding encoder decoder transformer optimizer regularization normalization clustering classifier policy memory attention pooling inference alignment retrieval tokenizer augmentation calibration distillation pruning search kernel filter projection factorization decomposition loss metric divergence gradient bootstrap boosting bagging forest tree machine model process field'.split(' ');
const QUALIFIERS = ['', '', '', 'learning', 'method', 'theorem', 'layer', 'objective', 'algorithm', 'framework', 'criterion', 'schedule', 'trick', 'bound', 'estimator'];
const WORDS = 'the a model data training loss learns weights input output layer features predicts error gradient step parameters distribution sample value function network probability signal noise labels class task objective update batch rate small large each every when which across between neighbouring improves reduces controls measures combines'.split(' ');

function sentence(random: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  return `${picked.join(' ')}.`;
}

/**
 * A synthetic glossary of `size` entries with realistic names ("sparse variational encoder
 * layer"), acronym aliases, short definitions and paragraph-length explanations.
 */
export function generateEntries(size: number, seed = 42): Entry[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let serial = 0;
  while (entries.length < size) {
    const words = [pick(MODIFIERS), ...(random() < 0.5 ? [pick(MODIFIERS)] : []), pick(HEADS), pick(QUALIFIERS)].filter((word) => word !== '');
    let term = words.join(' ');
    if (seen.has(term)) term = `${term} ${++serial}`;
    seen.add(term);
    const id = `g-${entries.length}`;
    const acronym = words.map((word) => word[0]).join('').toUpperCase() + entries.length.toString(36);
    entries.push({
      id,
      term: term.replace(/\b\w/g, (letter) => letter.toUpperCase()),
      aliases: random() < 0.6 ? [acronym] : [],
      category: 'generated',
      definition: sentence(random, 18),
      explanation: `${sentence(random, 30)} ${sentence(random, 30)}`,
      related: [],
    });
  }
  return entries;
}

/** Integer hashes for the search indexes, where a collision only costs an extra candidate that is checked afterwards. */

/** Spreads nearby keys (packed trigrams differ only in a few bits) across the table. */
export function mix(key: number): number {
  let x = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A 32-bit FNV-1a hash of `text`. Used as an IntMultimap key where a collision only costs an
 * extra candidate that is checked afterwards.
 */
export function hashText(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash | 0;
}

/** The hash of the words joined by single spaces, equal to hashText(words.join(' ')), without building that string. */
export function hashJoined(words: readonly string[]): number {
  let hash = FNV_OFFSET;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) hash = Math.imul(hash ^ 32, FNV_PRIME);
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  }
  return hash | 0;
}

/** The hash of `text` with every space left out, equal to hashText(compact(text)). */
export function hashWithoutSpaces(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32) hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash | 0;
}

/** A hash of the words of `text` that ignores their order, so "descent gradient" and "gradient descent" share it. */
export function hashOfWordSet(text: string): number {
  let sum = 0;
  let hash = FNV_OFFSET;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code !== 32) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    sum = (sum + mix(hash)) | 0;
    hash = FNV_OFFSET;
  }
  return sum;
}

const POLYNOMIAL_BASE = 0x2f0f1;
// Scratch for forEachDeletionHash: hashes of each prefix, of each suffix, and powers of the base.
let prefixHashes = new Int32Array(64);
let suffixHashes = new Int32Array(64);
let powers = new Int32Array(64);

/** A polynomial hash, Σ code(i) × B^(n-1-i) mod 2^32: unlike FNV, it can drop a character in constant time. */
export function polynomialHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, POLYNOMIAL_BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Calls `visit` with the polynomialHash of the word and of every form with one letter removed,
 * each form once ("ll" in "all" gives one form, not two), without building those strings and in
 * time linear in the word's length: dropping letter k leaves prefix(k) × B^(n-1-k) + suffix(k+1).
 */
export function forEachDeletionHash(word: string, visit: (hash: number) => void): void {
  const n = word.length;
  if (n + 1 > powers.length) {
    prefixHashes = new Int32Array(2 * n + 2);
    suffixHashes = new Int32Array(2 * n + 2);
    powers = new Int32Array(2 * n + 2);
  }
  powers[0] = 1;
  prefixHashes[0] = 0;
  for (let i = 0; i < n; i++) {
    powers[i + 1] = Math.imul(powers[i]!, POLYNOMIAL_BASE);
    prefixHashes[i + 1] = (Math.imul(prefixHashes[i]!, POLYNOMIAL_BASE) + word.charCodeAt(i)) | 0;
  }
  suffixHashes[n] = 0;
  for (let i = n - 1; i >= 0; i--) suffixHashes[i] = (Math.imul(word.charCodeAt(i), powers[n - 1 - i]!) + suffixHashes[i + 1]!) | 0;
  visit(prefixHashes[n]!);
  for (let k = 0; k < n; k++) {
    // Within a run of equal letters, removing any one gives the same form; only the first counts.
    if (k > 0 && word.charCodeAt(k) === word.charCodeAt(k - 1)) continue;
    visit((Math.imul(prefixHashes[k]!, powers[n - 1 - k]!) + suffixHashes[k + 1]!) | 0);
  }
}

import { describe, expect, it } from 'vitest';
import { characterCount } from '../../src/glossary/entry-card.js';

describe('characterCount', () => {
  it('counts code points, as Discord does: an emoji or other astral character is one', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('Bias')).toBe(4);
    expect(characterCount('🤖 robot')).toBe(7);
    expect(characterCount('𝛼𝛽')).toBe(2);
    expect(characterCount('naïve café')).toBe(10);
  });

  it('counts a lone surrogate as one character, like iterating the string', () => {
    for (const text of ['\uD83E', 'a\uD83E', '\uDD16b', '\uDD16\uD83E', 'x\uD83E\uDD16\uD83E']) {
      expect(characterCount(text)).toBe([...text].length);
    }
  });

  it('agrees with iterating the string on random text mixing ASCII, accents, emoji and stray surrogates', () => {
    const pieces = ['a', ' ', 'é', '🤖', '\uD83E', '\uDD16', '中', '\n'];
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(characterCount(text)).toBe([...text].length);
    }
  });
});

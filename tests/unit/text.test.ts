import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/text.js';

describe('truncate', () => {
  it('leaves text that fits alone and cuts longer text to the limit, ending in an ellipsis', () => {
    expect(truncate('Dropout', 7)).toBe('Dropout');
    expect(truncate('Dropout', 6)).toBe('Dropo…');
    expect([...truncate('a'.repeat(300), 100)]).toHaveLength(100);
  });

  it('counts characters, not UTF-16 units, and never cuts an emoji in half', () => {
    const emoji = '🧠'.repeat(60); // 120 UTF-16 units, 60 characters
    expect(truncate(emoji, 100)).toBe(emoji);
    const cut = truncate(emoji, 10);
    expect(cut).toBe(`${'🧠'.repeat(9)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

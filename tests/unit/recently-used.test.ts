import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from '../../src/recently-used.js';

describe('RecentlyUsed', () => {
  it('forgets the least recently used entry when full, counting reads as use', () => {
    const memory = new RecentlyUsed<string, number>(3);
    memory.set('a', 1);
    memory.set('b', 2);
    memory.set('c', 3);
    expect(memory.get('a')).toBe(1); // now b is the oldest
    memory.set('d', 4);
    expect(memory.get('b')).toBeUndefined();
    expect([memory.get('a'), memory.get('c'), memory.get('d')]).toEqual([1, 3, 4]);
    expect(memory.size).toBe(3);
  });

  it('replaces a value without growing, and clears', () => {
    const memory = new RecentlyUsed<string, number>(2);
    memory.set('a', 1);
    memory.set('a', 2);
    memory.set('b', 3);
    expect([memory.get('a'), memory.get('b'), memory.size]).toEqual([2, 3, 2]);
    memory.clear();
    expect([memory.get('a'), memory.size]).toEqual([undefined, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { type ComponentAction, decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.js';

describe('custom_id codec', () => {
  it.each<ComponentAction>([
    { kind: 'open', id: 'batch-size', trail: [] },
    { kind: 'open', id: 'epoch', trail: ['batch-size', 'learning-rate'] },
    { kind: 'back', id: 'batch-size', trail: ['learning-rate'] },
    { kind: 'page', category: 'deep-learning', page: 2 },
    { kind: 'overview' },
    { kind: 'pick' },
  ])('round-trips %j', (action) => {
    expect(decodeCustomId(encodeCustomId(action))).toEqual({ ok: true, action });
  });

  it('drops the oldest trail steps to stay within 100 characters', () => {
    const trail = Array.from({ length: 10 }, (_, index) => `some-fairly-long-term-name-${index}`);
    const encoded = encodeCustomId({ kind: 'open', id: 'reinforcement-learning-from-human-feedback', trail });
    expect(encoded.length).toBeLessThanOrEqual(100);
    const decoded = decodeCustomId(encoded);
    expect(decoded.ok && decoded.action.kind === 'open' && decoded.action.trail[0]).toBe(trail[0]);
  });

  it.each([
    ['', 'malformed'],
    ['g1', 'malformed'],
    ['g1:t', 'malformed'],
    ['g1:t:Batch Size', 'malformed'],
    ['g1:t:../secret', 'malformed'],
    ['g1:t:ok:<@123>', 'malformed'],
    ['g1:p:deep-learning:-1', 'malformed'],
    ['g1:p:deep-learning:99999', 'malformed'],
    ['g1:p:deep-learning:1:extra', 'malformed'],
    ['g1:x:whatever', 'malformed'],
    ['g1:o:extra', 'malformed'],
    ['x'.repeat(101), 'malformed'],
    ['g2:t:dropout', 'version'],
    ['g0:t:dropout', 'version'],
  ])('refuses %j as %s', (customId, reason) => {
    expect(decodeCustomId(customId)).toEqual({ ok: false, reason });
  });
});

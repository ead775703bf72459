import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/glossary/problems.js';

describe('problem formatting', () => {
  it('prints a file-level problem without an empty entry/field part', () => {
    expect(formatProblem({ severity: 'error', file: 'x.yaml', line: 4, column: 8, message: 'boom' })).toBe('x.yaml:4:8: error: boom');
  });
});

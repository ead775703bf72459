import { describe, expect, it } from 'vitest';
import { escapeControls, stringifyJsonForTerminal } from '../../src/terminal-text.js';

describe('escapeControls', () => {
  it('shows C0 and C1 controls, ESC and DEL as escapes', () => {
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('\u0000\u0007\t\r\n\u007f\u0085\u009b')).toBe('\\x00\\x07\\x09\\x0d\\x0a\\x7f\\x85\\x9b');
  });

  it('shows the bidi embedding, override and isolate characters as escapes', () => {
    expect(escapeControls('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('leaves ordinary text alone, including non-ASCII letters and punctuation', () => {
    const text = 'Café — naïve Bayes, α = 0.9, 学习率 “quoted” \\x1b';
    expect(escapeControls(text)).toBe(text);
  });

  it('keeps line feeds only when asked, and still escapes a carriage return', () => {
    expect(escapeControls('one\n\ntwo\r')).toBe('one\\x0a\\x0atwo\\x0d');
    expect(escapeControls('one\n\ntwo\r', { keepLineBreaks: true })).toBe('one\n\ntwo\\x0d');
  });
});

describe('stringifyJsonForTerminal', () => {
  it('escapes what JSON.stringify leaves raw (DEL, C1, bidi) and parses back to the same value', () => {
    const value = { term: 'a\u001b[2J\u007f\u009b\u202e\u2066b', list: ['x\ny'] };
    const json = stringifyJsonForTerminal(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain('a\\u001b[2J\\u007f\\u009b\\u202e\\u2066b');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('is JSON.stringify with two-space indentation for ordinary values', () => {
    const value = { a: [1, 'two', null], b: { c: 'Café — α' } };
    expect(stringifyJsonForTerminal(value)).toBe(JSON.stringify(value, null, 2));
  });
});

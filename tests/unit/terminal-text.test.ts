import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/terminal-text.js';

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

import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CliIo, EXIT, runCli } from '../../src/cli.js';
import { loadGlossary } from '../../src/glossary/load.js';
import { formatProblem, type Problem } from '../../src/glossary/problems.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const bad = (name: string) => path.join(fixtures, 'bad', name);
const errors = (problems: readonly Problem[]) => problems.filter((problem) => problem.severity === 'error');

/** `glossary validate <paths>` as a user runs it: exit code and everything printed. */
async function validate(...paths: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const io: CliIo = { out: (text) => lines.push(text), err: (text) => lines.push(text), env: {} };
  const code = await runCli(['validate', ...paths], io);
  return { code, output: lines.join('\n') };
}

/** A stack trace line ("    at parseArray (…)") must never reach someone editing the glossary. */
const STACK_LINE = /^\s+at /m;

describe('a YAML alias bomb ("billion laughs")', () => {
  it('is refused as a problem naming the file and the first alias, without expanding it', async () => {
    const result = await loadGlossary([bad('billion-laughs.yaml')]);
    expect(result.glossary).toBeUndefined();
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: expect.stringMatching(/billion-laughs\.yaml$/),
        line: 4,
        column: 8,
        message: expect.stringMatching(/aliases expand to more than 100 nodes \(a "billion laughs" file\)/),
      },
    ]);
  });

  it('makes `glossary validate` exit 2 with that message and no stack trace', async () => {
    const { code, output } = await validate(bad('billion-laughs.yaml'));
    expect(code).toBe(EXIT.usage);
    expect(output).toMatch(/billion-laughs\.yaml:4:8: error: refused: its aliases expand/);
    expect(output).not.toMatch(STACK_LINE);
  });
});

describe('an unexpected failure while reading one file', () => {
  afterEach(() => {
    vi.doUnmock('../../src/glossary/parse-file.js');
    vi.resetModules();
  });

  it('becomes an error for that file; the other files are still read and checked', async () => {
    // Stands in for any parser bug nobody has found yet: the loader must not let it escape.
    vi.resetModules();
    vi.doMock('../../src/glossary/parse-file.js', async (importOriginal) => {
      const original = await importOriginal<typeof import('../../src/glossary/parse-file.js')>();
      return {
        ...original,
        parseGlossaryText: (file: string, text: string) => {
          if (file.endsWith('entries.json')) throw new TypeError('parser exploded');
          return original.parseGlossaryText(file, text);
        },
      };
    });
    const { loadGlossary: load } = await import('../../src/glossary/load.js');
    const result = await load([path.join(fixtures, 'small')]);
    expect(result.glossary).toBeUndefined();
    expect(errors(result.problems)).toEqual([
      {
        severity: 'error',
        file: expect.stringMatching(/small[/\\]entries\.json$/),
        message: 'could not be read as a glossary file: TypeError: parser exploded',
      },
    ]);
    expect(result.files).toHaveLength(2);
  });
});

describe('problem formatting', () => {
  it('prints a file-level problem without an empty entry/field part', () => {
    expect(formatProblem({ severity: 'error', file: 'x.yaml', line: 4, column: 8, message: 'boom' })).toBe('x.yaml:4:8: error: boom');
  });
});

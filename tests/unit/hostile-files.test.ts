import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CliIo, EXIT, runCli } from '../../src/cli.js';
import { loadGlossary } from '../../src/glossary/load.js';
import { parseGlossaryText } from '../../src/glossary/parse-file.js';
import { isFindableName, normalize } from '../../src/glossary/normalize.js';
import { formatProblem, type Problem } from '../../src/glossary/problems.js';
import { entrySchema } from '../../src/glossary/schema.js';
import { SCHEMA_FILE } from '../../scripts/write-schema.js';

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

/** A fresh directory under the system's temp dir for each test, removed afterwards. */
function useTempDir(): () => string {
  let directory = '';
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'glossary-hostile-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  return () => directory;
}

const TOO_DEEP = /^refused: nested too deeply \(more than 64 levels of lists and objects\)/;
const nested = (depth: number, close = true) => '['.repeat(depth) + (close ? ']'.repeat(depth) : '');
const indented = (depth: number, line: (level: number) => string) => `${Array.from({ length: depth }, (_, level) => ' '.repeat(level) + line(level)).join('\n')} end\n`;

describe('a file nested too deeply', () => {
  const tempDir = useTempDir();

  it.each([
    ['valid JSON, 100,000 levels', 'deep.json', nested(100_000)],
    ['invalid JSON, 100,000 "[" never closed', 'deep.json', nested(100_000, false)],
    ['a YAML flow sequence, 100,000 levels', 'deep.yaml', nested(100_000)],
    ['YAML "- - - …", 100,000 levels', 'deep.yaml', `${'- '.repeat(100_000)}x\n`],
  ])('is refused before any parser recurses: %s', async (_, name, text) => {
    const file = path.join(tempDir(), name);
    await writeFile(file, text);
    const result = await loadGlossary([file]);
    expect(result.problems).toEqual([{ severity: 'error', file: expect.stringMatching(new RegExp(`${name}$`)), line: 1, column: expect.any(Number), message: expect.stringMatching(TOO_DEEP) }]);
    expect(result.problems[0]!.column).toBeGreaterThan(64);
  });

  it('makes `glossary validate` exit 2 naming the file and place, with no stack trace', async () => {
    const file = path.join(tempDir(), 'deep.json');
    await writeFile(file, nested(100_000, false));
    const { code, output } = await validate(file);
    expect(code).toBe(EXIT.usage);
    expect(output).toMatch(/deep\.json:1:65: error: refused: nested too deeply/);
    expect(output).not.toMatch(STACK_LINE);
  });

  it('counts YAML block nesting by indentation, mappings and lists alike', () => {
    const mappings = parseGlossaryText('deep.yaml', indented(2000, () => 'key:'));
    expect(mappings).toMatchObject({ ok: false, message: expect.stringMatching(TOO_DEEP), line: 65, column: 65 });
    // A list at its key's own indentation shares the key's column, so this counts about one
    // level per two; still refused long before a parser would overflow.
    const alternating = parseGlossaryText('deep.yaml', indented(2000, (level) => (level % 2 === 0 ? 'key:' : '- ')));
    expect(alternating).toMatchObject({ ok: false, message: expect.stringMatching(TOO_DEEP) });
    // The body of a block scalar ("|") is text, not a node: it must neither add levels nor,
    // starting at its line's first column, close the levels around it.
    const withText = parseGlossaryText('deep.yaml', indented(2000, (level) => (level % 8 === 4 ? `text: |\n${' '.repeat(level + 1)}body\n${' '.repeat(level)}key:` : 'key:')));
    expect(withText).toMatchObject({ ok: false, message: expect.stringMatching(TOO_DEEP), line: expect.any(Number) });
  });

  it('allows 64 levels and refuses 65', () => {
    expect(parseGlossaryText('x.json', nested(64))).toMatchObject({ ok: true });
    expect(parseGlossaryText('x.json', nested(65))).toMatchObject({ ok: false, message: expect.stringMatching(TOO_DEEP), line: 1, column: 65 });
    expect(parseGlossaryText('x.yaml', nested(64))).toMatchObject({ ok: true });
    expect(parseGlossaryText('x.yaml', nested(65))).toMatchObject({ ok: false, message: expect.stringMatching(TOO_DEEP), line: 1, column: 65 });
  });

  it('does not count brackets inside strings, escaped quotes included, or inside YAML block scalars', () => {
    const brackets = nested(200, false);
    // An escaped quote inside a string, and a string ending in a backslash (an escaped
    // backslash before the closing quote), must neither end nor extend the string.
    const json = JSON.stringify({ entries: [{ definition: 'ends in a backslash \\', term: brackets, example: `say \"${brackets}` }] });
    expect(parseGlossaryText('x.json', json)).toMatchObject({ ok: true });
    const yaml = `entries:\n  - term: "${brackets}"\n    definition: '${brackets}'\n    explanation: |\n${indented(100, () => 'text').replace(/^/gm, '      ')}`;
    expect(parseGlossaryText('x.yaml', yaml)).toMatchObject({ ok: true });
  });
});

describe('symbolic links in a glossary directory', () => {
  const tempDir = useTempDir();
  const small = (name: string) => path.join(fixtures, 'small', name);

  /** tmp/data/{categories.yaml, more/entries.json} with the given links added (name → target). */
  async function glossaryWithLinks(links: Record<string, string>): Promise<string> {
    const data = path.join(tempDir(), 'data');
    await mkdir(path.join(data, 'more'), { recursive: true });
    await copyFile(small('categories.yaml'), path.join(data, 'categories.yaml'));
    await copyFile(small('entries.json'), path.join(data, 'more', 'entries.json'));
    for (const [name, target] of Object.entries(links)) await symlink(target, path.join(data, name));
    return data;
  }
  const load = (data: string) => loadGlossary([data], { cwd: path.dirname(data) });

  it('reads each directory once and warns about a link back to itself or a parent', async () => {
    const data = await glossaryWithLinks({ self: '.', 'more/back': '..' });
    const result = await load(data);
    expect(result.files.map((file) => path.relative(data, file))).toEqual(['categories.yaml', path.join('more', 'entries.json')]);
    expect(errors(result.problems)).toEqual([]);
    expect(result.glossary?.entries.size).toBe(12);
    const loops = result.problems.filter((problem) => problem.message.startsWith('symbolic link loop'));
    expect(loops).toEqual([
      { severity: 'warning', file: path.join('data', 'more', 'back'), message: 'symbolic link loop: points back to data, which is already being read; not followed' },
      { severity: 'warning', file: path.join('data', 'self'), message: 'symbolic link loop: points back to data, which is already being read; not followed' },
    ]);
  });

  it('reads a file reached through two names once, so its ids are not "declared twice"', async () => {
    const data = await glossaryWithLinks({ 'again.json': 'more/entries.json', 'categories-too.yaml': 'categories.yaml' });
    const result = await load(data);
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result.files).toHaveLength(2);
  });

  it('calls a loop of links a loop, and a link to nothing a dangling link', async () => {
    const data = await glossaryWithLinks({ 'a.json': 'b.json', 'b.json': 'a.json', 'gone.json': 'missing.json' });
    const result = await load(data);
    expect(result.glossary).toBeUndefined();
    expect(errors(result.problems)).toEqual([
      { severity: 'error', file: path.join('data', 'a.json'), message: 'symbolic link loop: following the links never reaches a file or directory' },
      { severity: 'error', file: path.join('data', 'b.json'), message: 'symbolic link loop: following the links never reaches a file or directory' },
      { severity: 'error', file: path.join('data', 'gone.json'), message: 'dangling symbolic link: points to missing.json, which does not exist' },
    ]);
  });

  it('gives a looping path passed by name the same words, and `glossary validate` exits 2', async () => {
    const data = await glossaryWithLinks({ 'a.json': 'b.json', 'b.json': 'a.json' });
    const { code, output } = await validate(path.join(data, 'a.json'));
    expect(code).toBe(EXIT.usage);
    expect(output).toMatch(/a\.json: error: symbolic link loop: following the links never reaches a file or directory/);
    expect(output).not.toMatch(/no such file/);
  });
});

describe('a file or directory the bot may not read', () => {
  const tempDir = useTempDir();
  afterEach(() => {
    vi.doUnmock('node:fs/promises');
    vi.resetModules();
  });

  // Tests may run as root, whom permissions do not stop, so the refusal is simulated.
  async function loaderWhere(denied: (target: string) => boolean) {
    vi.resetModules();
    vi.doMock('node:fs/promises', async (importOriginal) => {
      const original = await importOriginal<typeof import('node:fs/promises')>();
      const deny = (target: unknown) => {
        if (denied(String(target))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(target)}'`), { code: 'EACCES' });
      };
      return {
        ...original,
        readdir: async (target: string) => (deny(target), original.readdir(target)),
        readFile: async (target: string, encoding: BufferEncoding) => (deny(target), original.readFile(target, encoding)),
      };
    });
    return (await import('../../src/glossary/load.js')).loadGlossary;
  }

  it('is reported as "permission denied", naming it, and the rest is still read', async () => {
    const data = path.join(tempDir(), 'data');
    await mkdir(path.join(data, 'locked'), { recursive: true });
    await copyFile(path.join(fixtures, 'small', 'categories.yaml'), path.join(data, 'categories.yaml'));
    await copyFile(path.join(fixtures, 'small', 'entries.json'), path.join(data, 'entries.json'));
    const load = await loaderWhere((target) => target.endsWith('locked') || target.endsWith('entries.json'));
    const result = await load([data], { cwd: tempDir() });
    expect(errors(result.problems)).toEqual([
      { severity: 'error', file: path.join('data', 'locked'), message: 'cannot list the directory: permission denied' },
      { severity: 'error', file: path.join('data', 'entries.json'), message: 'cannot read: permission denied' },
    ]);
    expect(result.files).toHaveLength(2);
  });
});

describe('names no one can type, and characters no one can see', () => {
  const invisible = /: an invisible character; remove it$/;
  const bidi = /: a bidirectional control, which can reorder how the text is shown; remove it$/;
  const noLetter = /^must contain a letter or digit: without one, no search can find this name/;

  it.each([
    ['category basics', 'name', /^contains U\+2066 LEFT-TO-RIGHT ISOLATE at character 7/, bidi],
    ['category basics', 'description', /^contains U\+FEFF ZERO WIDTH NO-BREAK SPACE/, invisible],
    ['zero-width', 'term', /^contains U\+200B ZERO WIDTH SPACE at character 1/, invisible],
    ['emoji-alias', 'aliases[2]', noLetter, noLetter],
    ['punctuation-alias', 'aliases[0]', noLetter, noLetter],
    ['right-to-left', 'term', /^contains U\+202E RIGHT-TO-LEFT OVERRIDE at character 6/, bidi],
    ['lone-surrogate', 'definition', /^contains U\+D83D at character 19: half of a character \(a lone surrogate\)/, /not valid Unicode/],
    ['joiner', 'explanation', /^contains U\+200D ZERO WIDTH JOINER at character 7/, invisible],
    ['joiner', 'example', /^contains U\+0007 at character 8: a control character/, /remove it$/],
    ['joiner', 'sources[0].title', /^contains U\+0009 TAB at character 8/, /a line break or tab, which does not belong in a one-line field/],
  ])('%s: "%s" is an error saying which character and why', async (entry, field, what, why) => {
    const found = errors((await loadGlossary([bad('hidden-characters.json')])).problems).filter((problem) => problem.entry === entry && problem.field === field);
    expect(found).toEqual([expect.objectContaining({ file: expect.stringMatching(/hidden-characters\.json$/), line: expect.any(Number), message: expect.stringMatching(what) })]);
    expect(found[0]!.message).toMatch(why);
  });

  it('reports nothing else: line breaks and tabs in prose, accents, Greek, Japanese and ① are fine', async () => {
    const found = errors((await loadGlossary([bad('hidden-characters.json')])).problems);
    expect(found).toHaveLength(10);
    expect(found.filter((problem) => problem.entry === 'fine' || problem.entry === 'category plain')).toEqual([]);
  });

  it.each([
    ["'s", false],
    ['\u0301', false],
    ['\u{1F916}', false],
    ['—', false],
    ['™', true],
    ['①', true],
    ['C++', true],
    ['Ω', true],
  ])('decides "%s" is a findable name by the search engine\'s own folding: %s', (alias, findable) => {
    const entry = { id: 'x', term: 'X Term', aliases: [alias], category: 'c', definition: 'd', explanation: 'e' };
    const result = entrySchema.safeParse(entry);
    expect(result.success).toBe(findable);
    if (!findable) expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['aliases', 0], message: expect.stringMatching(noLetter) })]);
  });

  it('takes its shortcut for ASCII names only where normalising would agree', () => {
    const names = ["'s", "'S'", "s's", "it's", 's', 'S', "'", '&', '-', 'x', '7', "’s", 'ﬁ', 'Ｓ', "ǅ", 'ß', '\u0301s', 'A/B', "Bayes' Theorem", '...', '🤖 s'];
    for (const name of names) expect(isFindableName(name), name).toBe(normalize(name) !== '');
  });

  it('is in the editor schema too, except the letter-or-digit rule, which needs the search folding', async () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(await readFile(SCHEMA_FILE, 'utf8')));
    const entry = (fields: Record<string, unknown>) => ({ entries: [{ id: 'x', term: 'X', category: 'c', definition: 'd', explanation: 'e', ...fields }] });
    expect(validate(entry({ term: '\u200B' }))).toBe(false);
    expect(validate(entry({ term: 'Two\nlines' }))).toBe(false);
    expect(validate(entry({ definition: 'Left \u202Eright' }))).toBe(false);
    expect(validate(entry({ explanation: 'Lone \uD83D half' }))).toBe(false);
    expect(validate(entry({ sources: [{ title: 'T', url: 'https://example.com/\u200B' }] }))).toBe(false);
    expect(validate(entry({ explanation: 'Two\nlines\tand a tab' }))).toBe(true);
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

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asksForJson, type CliIo, EXIT, runCli } from '../../src/cli.js';

const SMALL = path.resolve(import.meta.dirname, '../fixtures/small');

async function cli(args: string[], env: Record<string, string | undefined> = { GLOSSARY_PATHS: SMALL }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('glossary CLI', () => {
  it('define prints the entry with its category, aliases and related terms', async () => {
    const { code, out } = await cli(['define', 'what', 'is', 'SGD?']);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/^Stochastic Gradient Descent\nBasics  \(matched alias: SGD\)/);
    expect(out).toContain('Gradient descent on small random batches.');
    expect(out).toContain('Also known as: SGD');
    expect(out).toContain('Related: Gradient Descent, Learning Rate');
  });

  it('define exits 1 with did-you-mean when nothing matches confidently', async () => {
    const { code, out } = await cli(['define', 'top', 'k']);
    expect(code).toBe(EXIT.notFound);
    expect(out).toMatch(/No term matches "top k"\. Did you mean: .*Top-k Accuracy/);
  });

  it('define answers a comparison with both entries, the first named first, in text and as a JSON list', async () => {
    const text = await cli(['define', 'difference', 'between', 'learning', 'rate', 'and', 'gradient', 'descent']);
    expect(text.code).toBe(EXIT.ok);
    expect(text.out.indexOf('Learning Rate\n')).toBe(0);
    expect(text.out).toContain('\n\n----\n\nGradient Descent\n');
    const json = JSON.parse((await cli(['define', 'gradient', 'descent', 'vs', 'learning', 'rate', '--json'])).out);
    expect(json).toMatchObject({ found: true, kind: 'comparison', entries: [{ id: 'gradient-descent' }, { id: 'learning-rate' }] });
  });

  it('every command speaks JSON with --json', async () => {
    const defined = JSON.parse((await cli(['define', 'lerning', 'rate', '--json'])).out);
    expect(defined).toMatchObject({ found: true, matchedBy: 'fuzzy', entry: { id: 'learning-rate' } });
    const suggested = JSON.parse((await cli(['suggest', 'grad', '--json'])).out);
    expect(suggested[0]).toEqual({ name: 'Gradient Descent', value: 'gradient-descent' });
    const searched = JSON.parse((await cli(['search', 'mini-batch', '--json'])).out);
    expect(searched[0].id).toBe('stochastic-gradient-descent');
    const listed = JSON.parse((await cli(['list', '--category', 'nets', '--json'])).out);
    expect(listed.map((row: { id: string }) => row.id)).toEqual(['convolutional-neural-network', 'top-k-sampling', 'top-p-sampling']);
    const categories = JSON.parse((await cli(['categories', '--json'])).out);
    expect(categories).toContainEqual(expect.objectContaining({ id: 'nets', size: 3 }));
    const validated = JSON.parse((await cli(['validate', SMALL, '--json'])).out);
    expect(validated).toMatchObject({ ok: true, entries: 12, errors: 0 });
  });

  it('validate exits 2 and lists every problem for invalid files', async () => {
    const { code, err } = await cli(['validate', path.resolve(import.meta.dirname, '../fixtures/bad/many-problems.json')]);
    expect(code).toBe(EXIT.usage);
    expect(err.split('\n').filter((line) => line.includes(': error:')).length).toBeGreaterThanOrEqual(4);
  });

  it('exits 2 on bad usage', async () => {
    expect((await cli([])).code).toBe(EXIT.usage);
    expect((await cli(['define'])).code).toBe(EXIT.usage);
    expect((await cli(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await cli(['list', '--category', 'nope'])).code).toBe(EXIT.usage);
    expect((await cli(['define', 'x', '--bogus'])).code).toBe(EXIT.usage);
  });

  it('exits 2 when the configured glossary is invalid', async () => {
    const { code, err } = await cli(['define', 'epoch'], { GLOSSARY_PATHS: path.resolve(import.meta.dirname, '../fixtures/bad/unknown-related.json') });
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/related id "batch-sise" does not exist/);
  });
});

/** What a terminal would act on rather than show; line feeds are allowed, they only end a line. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('glossary CLI on a terminal', () => {
  let directory: string;
  let tricky: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'glossary-cli-controls-'));
    tricky = path.join(directory, 'tricky.json');
    const glossary = {
      categories: [{ id: 'tricky', name: 'Tricky\u001b]0;retitled\u0007', description: 'Shows \u202eesrever\u202c text', color: '#112233' }],
      entries: [
        {
          id: 'clear-screen',
          term: 'Clear\u001b[2J Screen',
          aliases: ['CLS\u009b'],
          category: 'tricky',
          definition: 'Clears\u001b[2J the screen.',
          explanation: 'First paragraph\u001b[31m.\n\nSecond paragraph\u2066.',
          example: 'Type \u0007 bell',
          sources: [{ title: 'Spec\u001b[0m', url: 'https://example.com/spec' }],
          related: ['plain-term'],
        },
        { id: 'plain-term', term: 'Plain Term\u202e', category: 'tricky', definition: 'Plain\u007f definition.', explanation: 'Plain.', related: ['clear-screen'] },
      ],
    };
    await writeFile(tricky, JSON.stringify(glossary));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('shows an escape code in the query as text, not as a live escape', async () => {
    const { code, out } = await cli(['define', '\u001b[2J\u001b[31mboom']);
    expect(code).toBe(EXIT.notFound);
    expect(out).toContain('No term matches "\\x1b[2J\\x1b[31mboom".');
    expect(out).not.toMatch(TERMINAL_CONTROL);
  });

  // The loader refuses such data (see hostile-files.test.ts); the CLI must not echo it raw while saying so.
  it.each([[['define', 'clear', 'screen']], [['suggest', 'cl']], [['search', 'screen']], [['list']], [['categories']]])(
    '%j refuses glossary data holding control or bidi characters, and shows the refusal escaped',
    async (args) => {
      const { code, out, err } = await cli(args, { GLOSSARY_PATHS: tricky });
      expect(code).toBe(EXIT.usage);
      expect(err).toMatch(/entry "clear-screen" field "term": contains U\+001B/);
      expect(out + err).not.toMatch(TERMINAL_CONTROL);
    },
  );

  it('shows control characters in a query escaped in what it prints', async () => {
    const { code, out, err } = await cli(['search', 'qqqq\u001b[9q']);
    expect(code).toBe(EXIT.notFound);
    expect(out).toContain('Nothing in the glossary mentions "qqqq\\x1b[9q".');
    expect(out + err).not.toMatch(TERMINAL_CONTROL);
  });

  it.each([
    [['frob\u001b[2J']],
    [['list', '--category', 'nets\u001b[2J']],
    [['define', 'x', '--bogus\u001b[2J']],
    [['validate', path.join(os.tmpdir(), 'missing\u001b[2J.json')]],
  ])('%j: the error quotes the user\'s text with control characters escaped', async (args) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('\\x1b[2J');
    expect(out + err).not.toMatch(TERMINAL_CONTROL);
  });

  it('writes DEL, C1 controls and bidi characters in JSON as \\u escapes, which parse back to the text', async () => {
    const query = 'plain\u007f term\u009b\u202e';
    const { code, out } = await cli(['define', query, '--json']);
    expect(code).toBe(EXIT.notFound);
    expect(out).not.toMatch(TERMINAL_CONTROL);
    expect(out).toContain('\\u007f');
    expect(JSON.parse(out)).toMatchObject({ found: false, query });
  });

  it('shows control characters escaped in validation problems', async () => {
    const hostile = path.join(directory, 'bad\u001b[2J.json');
    await writeFile(hostile, '{ "entries": [ { "id": "x" ');
    const { code, err } = await cli(['validate', hostile]);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('bad\\x1b[2J.json:');
    expect(err).not.toMatch(TERMINAL_CONTROL);
  });
});

describe('glossary CLI with --json', () => {
  /** Runs the CLI and parses stdout, which must be exactly one JSON document; nothing goes to stderr. */
  async function cliJson(args: string[], env?: Record<string, string | undefined>) {
    const { code, out, err } = await cli(args, env);
    expect(err).toBe('');
    return { code, document: JSON.parse(out) as Record<string, unknown> };
  }

  it('prints the usage as JSON for help, and exits 0', async () => {
    for (const args of [['help', '--json'], ['--help', '--json'], ['define', '-h', '--json']]) {
      const { code, document } = await cliJson(args);
      expect(code).toBe(EXIT.ok);
      expect(document).toMatchObject({ usage: expect.stringContaining('glossary <command>'), exitCodes: { 0: 'found/ok', 1: 'not found', 2: 'bad usage or invalid data' } });
      expect(document.commands).toContainEqual({ name: 'define', arguments: '<query>', description: expect.any(String) });
    }
  });

  it.each([
    [[], /No command given/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['define'], /"define" needs some text/],
    [['search', '   '], /"search" needs some text/],
    [['define', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['list', '--category'], /Option '--category' argument is ambiguous/],
    [['define', '--json=yes', 'x'], /does not take an argument/],
  ])('%j is a usage error: { error, usage, commands } and exit 2', async (args, message) => {
    const { code, document } = await cliJson([...args, '--json']);
    expect(code).toBe(EXIT.usage);
    expect(document.error).toMatch(message);
    expect(document).toMatchObject({ usage: expect.any(String), commands: expect.any(Array) });
  });

  it('names the known categories for an unknown one', async () => {
    const { code, document } = await cliJson(['list', '--category', 'nope', '--json']);
    expect(code).toBe(EXIT.usage);
    expect(document).toEqual({ error: 'Unknown category "nope".', categories: ['basics', 'nets'] });
  });

  it('lists the problems of an invalid configured glossary', async () => {
    const { code, document } = await cliJson(['define', 'epoch', '--json'], { GLOSSARY_PATHS: path.resolve(import.meta.dirname, '../fixtures/bad/unknown-related.json') });
    expect(code).toBe(EXIT.usage);
    expect(document.error).toMatch(/The glossary has errors/);
    expect(document.problems).toContainEqual(expect.objectContaining({ severity: 'error', entry: 'epoch', message: 'related id "batch-sise" does not exist' }));
  });

  it('says what failed when validate finds errors', async () => {
    const { code, document } = await cliJson(['validate', path.resolve(import.meta.dirname, '../fixtures/bad/unknown-related.json'), '--json']);
    expect(code).toBe(EXIT.usage);
    expect(document).toMatchObject({ error: 'The glossary has 1 error(s).', ok: false, errors: 1, problems: [expect.objectContaining({ field: 'related[0]' })] });
  });

  it('keeps "not found" as a result, exit 1', async () => {
    const { code, document } = await cliJson(['define', 'zzzz', 'qqqq', '--json']);
    expect(code).toBe(EXIT.notFound);
    expect(document).toMatchObject({ found: false, query: 'zzzz qqqq' });
  });

  it('reports an unexpected failure as { error } with exit 2', async () => {
    const unreadable = new Proxy<Record<string, string | undefined>>({}, {
      get() {
        throw new Error('environment unavailable');
      },
    });
    const { code, document } = await cliJson(['categories', '--json'], unreadable);
    expect(code).toBe(EXIT.usage);
    expect(document).toEqual({ error: 'unexpected failure: environment unavailable' });
    const asText = await cli(['categories'], unreadable);
    expect(asText.err).toMatch(/^glossary: unexpected failure: Error: environment unavailable/);
  });

  it('finds --json in arguments that do not parse, but not after "--"', () => {
    expect(asksForJson(['define', '--bogus', '--json'])).toBe(true);
    expect(asksForJson(['--json=1'])).toBe(true);
    expect(asksForJson(['define', '--', '--json'])).toBe(false);
    expect(asksForJson(['define', 'json'])).toBe(false);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, EXIT, runCli } from '../../src/cli.js';

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

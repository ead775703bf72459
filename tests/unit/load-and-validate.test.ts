import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/glossary/load.js';
import { parseGlossaryText } from '../../src/glossary/parse-file.js';
import { formatProblem, type Problem } from '../../src/glossary/problems.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const bad = (name: string) => path.join(fixtures, 'bad', name);

async function problemsOf(file: string): Promise<Problem[]> {
  return (await loadGlossary([file])).problems;
}
const errors = (problems: Problem[]) => problems.filter((problem) => problem.severity === 'error');

describe('loading', () => {
  it('loads a glossary split across YAML and JSON files, entries sorted A–Z', async () => {
    const result = await loadGlossary([path.join(fixtures, 'small')]);
    expect(errors(result.problems)).toEqual([]);
    expect(result.glossary?.categories.size).toBe(2);
    const terms = [...result.glossary!.entries.values()].map((entry) => entry.term);
    expect(terms[0]).toBe('A/B Testing');
    expect(terms).toContain('Convolutional Neural Network');
    expect(terms.length).toBe(12);
  });

  it('reports invalid JSON with line and column', async () => {
    const [problem] = await problemsOf(bad('invalid-json.json'));
    expect(problem).toMatchObject({ severity: 'error', line: 6, message: expect.stringContaining('invalid JSON') });
    expect(problem!.column).toBeGreaterThan(30);
  });

  it('reads JSON with a byte-order mark, and locates values by line and column', () => {
    const text = '\uFEFF{\n  "entries": [\n    { "id": "a",\n      "term": "Bias" }\n  ]\n}\n';
    const outcome = parseGlossaryText('glossary.json', text);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.parsed.data).toEqual({ entries: [{ id: 'a', term: 'Bias' }] });
    expect(outcome.parsed.locate(['entries', 0, 'term'])).toEqual({ line: 4, column: 15 });
    expect(outcome.parsed.locate(['entries', 3])).toBeUndefined();
  });

  it.each([
    ['', 'the file is empty', 1],
    [' \n', 'the file is empty', 1],
    ['{\n  "a": 1,\n}', 'PropertyNameExpected', 3],
    ['{\n  "a": "tab\there"\n}', 'InvalidCharacter', 2],
    ['{ "a": 1 } // note', 'InvalidCommentToken', 1],
  ])('rejects invalid JSON %j naming the problem and its line', (text, message, line) => {
    expect(parseGlossaryText('glossary.json', text)).toMatchObject({ ok: false, message: `invalid JSON: ${message}`, line });
  });

  it('reports invalid YAML with line and column', async () => {
    const [problem] = await problemsOf(bad('invalid-yaml.yaml'));
    expect(problem).toMatchObject({ severity: 'error', message: expect.stringContaining('invalid YAML') });
    expect(problem!.line).toBeGreaterThanOrEqual(8);
  });

  it('reports a missing path instead of throwing', async () => {
    const result = await loadGlossary([path.join(fixtures, 'does-not-exist')]);
    expect(result.glossary).toBeUndefined();
    expect(result.problems[0]!.message).toMatch(/no such file/);
  });
});

describe('validation', () => {
  it.each([
    ['duplicate-id.json', 'id', /duplicate id "dropout"/],
    ['alias-collision.json', 'aliases[0]', /"llm" collides with "LLM" of entry "large-language-model"/],
    ['term-collision-after-normalisation.json', 'term', /collides with "K-Means"/],
    ['unknown-related.json', 'related[0]', /related id "batch-sise" does not exist/],
    ['self-related.json', 'related[0]', /cannot be related to itself/],
    ['unknown-category.json', 'category', /unknown category "deep-learnin"/],
    ['empty-field.json', 'definition', /must not be empty/],
    ['too-long.json', 'term', /at most 80 characters/],
    ['bad-url.json', 'sources[0].url', /http\(s\) URL/],
    ['bad-id.json', 'id', /lowercase slug/],
  ])('%s is an error naming the entry and field', async (file, field, message) => {
    const found = errors(await problemsOf(bad(file)));
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found).toContainEqual(expect.objectContaining({ field, message: expect.stringMatching(message), file: expect.stringContaining(file) }));
    expect(found.every((problem) => problem.line !== undefined)).toBe(true);
  });

  it('refuses an entry whose answer would not fit in one embed', async () => {
    const found = errors(await problemsOf(bad('oversized-embed.json')));
    expect(found.map((problem) => problem.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Discord allows 6000 per embed/), expect.stringMatching(/"Sources" field would be \d+ characters/)]),
    );
  });

  it('reports every problem at once, not just the first', async () => {
    const found = errors(await problemsOf(bad('many-problems.json')));
    const messages = found.map(formatProblem).join('\n');
    expect(messages).toMatch(/must not be empty/);
    expect(messages).toMatch(/duplicate id/);
    expect(messages).toMatch(/related id "nowhere" does not exist/);
    expect(messages).toMatch(/unknown category "nope"/);
  });

  it('allows a one-way relation but warns about it', async () => {
    const result = await loadGlossary([bad('one-way-relation.json')]);
    expect(result.glossary).toBeDefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', entry: 'epoch', field: 'related[0]', message: expect.stringMatching(/one-way/) }),
    ]);
  });

  it('formats a problem as file:line:column with entry and field', () => {
    const text = formatProblem({ severity: 'error', file: 'data/x.json', line: 3, column: 7, entry: 'epoch', field: 'term', message: 'boom' });
    expect(text).toBe('data/x.json:3:7: error: entry "epoch" field "term": boom');
  });
});

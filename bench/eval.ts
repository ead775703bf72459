import { openGlossary } from '../src/glossary/open.js';
import { SHIPPED_GLOSSARY_DIR } from '../src/paths.js';
import {
  type ClassScore,
  engineSearcher,
  evaluate,
  fuseSearcher,
  keystrokesToFirst,
  LATER_BLIND_SETS,
  loadEvalQueries,
  type QualityReport,
  UNDERSTANDING_DEV_FILE,
  UNDERSTANDING_EVAL_FILE,
} from './quality.js';

/**
 * `npm run eval`: search quality of the engine and of plain fuse.js, side by side, per class, on
 * two labelled sets: the first one (typos, spellings, word order, simple questions) and the set
 * of queries as students ask them (questions, context words, word forms, comparisons, concepts
 * the glossary lacks), written blind to the engine. `--dev` runs the smaller development set
 * instead of the held-out one; `--all` adds the ten later blind sets; `--failures` lists every
 * query the engine got wrong.
 */
const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
if (!opened.ok) throw new Error('the shipped glossary does not validate; run npm run validate');
const { engine, glossary } = opened.value;
const entries = [...glossary.entries.values()];
const searchers = [engineSearcher(engine), fuseSearcher(entries)];
const showFailures = process.argv.includes('--failures');

const pct = (part: number, whole: number) => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);

function table(title: string, file: string | undefined, withAutocomplete: boolean): QualityReport {
  const queries = loadEvalQueries(file);
  const reports = searchers.map((searcher) => evaluate(searcher, queries));
  const cells = (score: ClassScore) =>
    score.queries === 0
      ? ''
      : `${pct(score.top1, score.queries)} ${(score.mrr / score.queries).toFixed(3)} ${pct(score.recallAt5, score.queries)}` +
        (withAutocomplete ? ` ${pct(score.autocompleteAt5, score.queries)}` : '');
  const heading = withAutocomplete ? 'top1   MRR   R@5  AC@5' : 'top1   MRR   R@5';
  const width = withAutocomplete ? 34 : 27;
  console.log(`\n${title} (${entries.length} terms), ${queries.length} labelled queries`);
  console.log(`${'class'.padEnd(20)} ${'n'.padStart(4)} | ${`engine: ${heading}`.padEnd(width)} | plain fuse.js: ${heading}`);
  const [mine, theirs] = reports as [QualityReport, QualityReport];
  for (const name of [...mine.byClass.keys()].sort()) {
    const [own, plain] = [mine.byClass.get(name)!, theirs.byClass.get(name)!];
    if (isNoAnswerClass(mine, name)) continue;
    console.log(`${name.padEnd(20)} ${String(own.queries).padStart(4)} | ${cells(own).padEnd(width)} | ${cells(plain)}`);
  }
  console.log(`${'ALL answerable'.padEnd(20)} ${String(mine.overall.queries).padStart(4)} | ${cells(mine.overall).padEnd(width)} | ${cells(theirs.overall)}`);
  for (const name of [...mine.byClass.keys()].sort().filter((name) => isNoAnswerClass(mine, name))) {
    const [own, plain] = [mine.byClass.get(name)!, theirs.byClass.get(name)!];
    console.log(`${name.padEnd(20)} ${String(own.queries).padStart(4)} | ${`wrong answers: ${own.falseMatches}`.padEnd(width)} | wrong answers: ${plain.falseMatches}`);
  }
  if (showFailures || withAutocomplete) {
    const wrong = mine.failures.filter((failure) => failure.got !== null);
    console.log(`Engine's wrong answers (${wrong.length}):${wrong.length === 0 ? ' none' : ''}`);
    for (const failure of wrong) console.log(`  [${failure.class}] ${JSON.stringify(failure.query)} expected ${failure.expected ?? 'not found'}, got ${failure.got}`);
  }
  if (showFailures) {
    const missed = mine.failures.filter((failure) => failure.got === null);
    console.log(`Engine's misses (not found) (${missed.length}):`);
    for (const failure of missed) console.log(`  [${failure.class}] ${JSON.stringify(failure.query)} expected ${failure.expected}`);
  }
  return mine;
}

/** A class whose queries all expect "not found". */
function isNoAnswerClass(report: QualityReport, name: string): boolean {
  return report.noAnswerClasses.has(name);
}

table('First set: typos, spellings, word order, simple questions', undefined, false);

// Keystroke replay over a fixed sample: every fifth term of the A–Z list.
const sample = entries.filter((_, index) => index % 5 === 0);
for (const [index, searcher] of searchers.entries()) {
  const counts = sample.map((entry) => keystrokesToFirst(searcher, entry));
  const reached = counts.filter((count): count is number => count !== undefined);
  const mean = reached.reduce((sum, count) => sum + count, 0) / Math.max(1, reached.length);
  const termLength = sample.reduce((sum, entry) => sum + entry.term.length, 0) / sample.length;
  console.log(
    `${index === 0 ? 'Keystrokes' : '          '} ${searcher.name.padEnd(14)}: first in autocomplete after ${mean.toFixed(2)} keystrokes on average ` +
      `(terms average ${termLength.toFixed(1)} characters); never first for ${counts.length - reached.length} of ${sample.length}`,
  );
}

const dev = process.argv.includes('--dev');
table(dev ? 'As students ask: DEVELOPMENT set' : 'As students ask: held-out set written blind to the engine', dev ? UNDERSTANDING_DEV_FILE : UNDERSTANDING_EVAL_FILE, true);
if (process.argv.includes('--all')) {
  for (const { file, use } of LATER_BLIND_SETS) table(`As students ask: ${use}`, file, true);
}
console.log('R@5: the expected answer among the answer and its did-you-mean list; AC@5: among the first five autocomplete choices for the whole query.');

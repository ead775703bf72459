import { openGlossary } from '../src/glossary/open.js';
import { SHIPPED_GLOSSARY_DIR } from '../src/paths.js';
import { type ClassScore, engineSearcher, evaluate, fuseSearcher, keystrokesToFirst, loadEvalQueries, type QualityReport } from './quality.js';

/** `npm run eval`: search quality of the engine and of plain fuse.js, side by side, per class. */
const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
if (!opened.ok) throw new Error('the shipped glossary does not validate; run npm run validate');
const { engine, glossary } = opened.value;
const entries = [...glossary.entries.values()];
const queries = loadEvalQueries();
const searchers = [engineSearcher(engine), fuseSearcher(entries)];
const reports = searchers.map((searcher) => evaluate(searcher, queries));

const pct = (part: number, whole: number) => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
const cells = (score: ClassScore) =>
  score.queries === 0 ? '' : `${pct(score.top1, score.queries)} ${(score.mrr / score.queries).toFixed(3)} ${pct(score.recallAt5, score.queries)}`;

console.log(`Search quality on the shipped glossary (${entries.length} terms), ${queries.length} labelled queries`);
console.log(`${'class'.padEnd(20)} ${'n'.padStart(4)} | ${'engine: top1   MRR   R@5'.padEnd(27)} | plain fuse.js: top1   MRR   R@5`);
const classes = [...reports[0]!.byClass.keys()].sort();
for (const name of classes) {
  const [mine, theirs] = reports.map((report) => report.byClass.get(name)!);
  if (name === 'no-answer') continue;
  console.log(`${name.padEnd(20)} ${String(mine!.queries).padStart(4)} | ${cells(mine!).padEnd(27)} | ${cells(theirs!)}`);
}
const [mine, theirs] = reports as [QualityReport, QualityReport];
console.log(`${'ALL answerable'.padEnd(20)} ${String(mine.overall.queries).padStart(4)} | ${cells(mine.overall).padEnd(27)} | ${cells(theirs.overall)}`);
console.log(
  `${'no-answer'.padEnd(20)} ${String(mine.noAnswer.queries).padStart(4)} | false matches: ${String(mine.noAnswer.falseMatches).padEnd(12)} | false matches: ${theirs.noAnswer.falseMatches}`,
);

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

if (process.argv.includes('--failures')) {
  console.log('\nEngine misses:');
  for (const failure of mine.failures) console.log(`  [${failure.class}] ${JSON.stringify(failure.query)} expected ${failure.expected} got ${failure.got}`);
}

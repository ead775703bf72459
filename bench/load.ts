/**
 * `npm run load`: how fast the glossary bot answers a burst of interactions, next to a bare
 * discord.js client that answers the same burst with a fixed reply (bench/bare-bot.mjs), measured
 * in the same run on the same machine. The bare client runs twice: with a small embed, and with a
 * real glossary answer and a real 25-choice list, so that it sends (and gets echoed back) the same
 * bytes as the bot. Against the first the gap is everything the bot does differently; against
 * the second, only the bot's own work. Each contestant is a real process with its own local fake
 * Discord (127.0.0.1); after a warm-up, every round dispatches a burst of mixed /define and
 * autocomplete interactions at once and waits for every callback. Also prints how long
 * `npm start` takes to reach READY.
 *
 *   npm run load                    400 interactions a burst, 5 rounds, in rotating order
 *   npm run load -- --count 200 --rounds 3
 *
 * Everything stays on loopback, and every wait is bounded: a contestant that stops answering
 * fails the run instead of hanging it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reply } from '../src/discord/responses.js';
import { renderEntry } from '../src/discord/render/entry.js';
import { loadGlossary } from '../src/glossary/load.js';
import { openGlossary } from '../src/glossary/open.js';
import { PACKAGE_ROOT, SHIPPED_GLOSSARY_DIR } from '../src/paths.js';
import { prng } from './generate.js';
import { payloads, startFakeDiscord, type FakeDiscord } from '../tests/e2e/fake-discord/index.js';

const TOKEN = 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.load.bench-token-value';
const WARM_UP_BATCHES = 16;
const WARM_UP_BATCH_SIZE = 50;
const ANSWER_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 30_000;
const START_RUNS = 3;

const MISSES = ['quantum gravity', 'banana bread', 'xyzzy', 'tax return', 'the french revolution', 'plate tectonics', 'how do i bake', 'opera'];

/** One slip of the fingers: two neighbouring letters swapped, or one letter dropped. */
function typo(text: string, random: () => number): string {
  if (text.length < 6) return text;
  const at = 1 + Math.floor(random() * (text.length - 3));
  return random() < 0.5 ? `${text.slice(0, at)}${text[at + 1]}${text[at]}${text.slice(at + 2)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
}

/**
 * What students send, drawn from the shipped glossary so that a burst repeats few queries (a
 * cache of answers would not flatter the figures): /define with a term, an alias, a typo, a
 * question or something the glossary does not have; autocomplete with the first letters of a
 * term, sometimes mistyped.
 */
async function interactionMix(size: number): Promise<Array<{ kind: 'define' | 'autocomplete'; text: string }>> {
  const { glossary } = await loadGlossary([SHIPPED_GLOSSARY_DIR]);
  if (!glossary) throw new Error('the shipped glossary does not load; run `npm run validate`');
  const entries = [...glossary.entries.values()];
  const random = prng(20261202);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: size }, (_, index) => {
    const entry = pick(entries);
    if (index % 2 === 1) {
      const length = Math.min(entry.term.length, 1 + Math.floor(random() * 9));
      const typed = entry.term.slice(0, length);
      return { kind: 'autocomplete', text: random() < 0.1 ? typo(typed, random) : typed };
    }
    const roll = random();
    const text =
      roll < 0.4 ? entry.term
      : roll < 0.55 ? (entry.aliases.length > 0 ? pick(entry.aliases) : entry.term)
      : roll < 0.8 ? typo(entry.term.toLowerCase(), random)
      : roll < 0.9 ? `what is ${entry.term}?`
      : pick(MISSES);
    return { kind: 'define', text };
  });
}

interface Contestant {
  name: string;
  fake: FakeDiscord;
  child: ChildProcess;
  exited: Promise<unknown>;
}

interface Round {
  rate: number;
  /** CPU the contestant used per interaction: its cost, whatever else the machine was doing. */
  cpuMs: number;
  p50: number;
  p99: number;
  late: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function residentMegabytes(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** CPU time (user + system) a process has used, in ms; Linux counts it in ticks of 10 ms. */
function cpuMilliseconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function botEnvironment(fake: FakeDiscord): NodeJS.ProcessEnv {
  // Production settings, as `npm start` runs: JSON logs at info level (written to /dev/null here).
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl };
}

/** A contestant: `node <args>` in the package folder, with its own fake Discord. */
async function startContestant(name: string, nodeArguments: readonly string[], extraEnvironment: Record<string, string>): Promise<Contestant> {
  const fake = await startFakeDiscord({ token: TOKEN });
  const child = spawn(process.execPath, [...nodeArguments], { cwd: PACKAGE_ROOT, env: { ...botEnvironment(fake), ...extraEnvironment }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = once(child, 'exit');
  await Promise.race([fake.waitForReady(READY_TIMEOUT_MS), exited.then(() => Promise.reject(new Error(`${name} exited before it was ready`)))]);
  return { name, fake, child, exited };
}

type Mix = Awaited<ReturnType<typeof interactionMix>>;

function interaction(fake: FakeDiscord, mix: Mix, index: number) {
  const { kind, text } = mix[index % mix.length]!;
  return kind === 'define'
    ? payloads.chatInputCommand(fake.world, { name: 'define', options: [payloads.option.string('term', text)] })
    : payloads.autocomplete(fake.world, { name: 'define', options: [payloads.option.string('term', text)], focused: 'term' });
}

/** Dispatches `count` interactions at once and waits for every callback. */
async function burst(contestant: Contestant, mix: Mix, count: number, offset: number): Promise<Round> {
  const { fake } = contestant;
  const sent: Array<{ id: string; at: number }> = [];
  const cpuBefore = cpuMilliseconds(contestant.child.pid);
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const at = Date.now();
    sent.push({ id: fake.sendInteraction(interaction(fake, mix, offset + i)).id, at });
  }
  const answered = await Promise.race([
    Promise.all(sent.map(({ id }) => fake.waitForCallback(id, ANSWER_TIMEOUT_MS))),
    contestant.exited.then(() => Promise.reject(new Error(`${contestant.name} exited during the burst`))),
  ]);
  const latencies = answered.map((request, i) => request.at - sent[i]!.at).sort((x, y) => x - y);
  const finished = Math.max(...answered.map((request) => request.at));
  const late = fake.requests.filter((request) => request.problems.some((problem) => problem.includes('Discord allows'))).length;
  const cpuMs = (cpuMilliseconds(contestant.child.pid) - cpuBefore) / count;
  return { rate: (count * 1000) / Math.max(1, finished - started), cpuMs, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), late };
}

async function warmUp(contestant: Contestant, mix: Mix): Promise<void> {
  for (let batch = 0; batch < WARM_UP_BATCHES; batch++) await burst(contestant, mix, WARM_UP_BATCH_SIZE, batch * WARM_UP_BATCH_SIZE);
}

async function stopContestant(contestant: Contestant): Promise<void> {
  if (contestant.child.exitCode === null) {
    contestant.child.kill('SIGTERM');
    await Promise.race([contestant.exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (contestant.child.exitCode === null) contestant.child.kill('SIGKILL');
  }
  await contestant.fake.stop();
}

/** Milliseconds from running `npm start` until the fake Discord has sent READY. */
async function timeNpmStart(): Promise<number> {
  const fake = await startFakeDiscord({ token: TOKEN });
  const started = performance.now();
  // Its own process group, so npm and the node it starts are stopped together.
  const child = spawn('npm', ['start', '--silent'], { cwd: PACKAGE_ROOT, env: botEnvironment(fake), stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = once(child, 'exit');
  try {
    await Promise.race([
      fake.waitForReady(READY_TIMEOUT_MS),
      exited.then(([code]) => Promise.reject(new Error(`npm start exited (code ${String(code)}) before the bot was ready; its message is above`))),
    ]);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    await fake.stop();
  }
}

const median = (values: readonly number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * How `npm start` runs the bot: node's own options (the heap limits) and the script, so the load
 * measures the same process without npm in front. The bare clients get the same node options: the
 * runtime's settings are not the bot's own work.
 */
function startCommand(): { nodeOptions: string[]; script: string } {
  const { scripts } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...rest] = scripts.start.split(' ');
  const script = rest.pop();
  if (command !== 'node' || script === undefined || rest.some((word) => !word.startsWith('--'))) {
    throw new Error(`npm start runs "${scripts.start}"; this script expects "node [--options] <script>"`);
  }
  return { nodeOptions: rest, script };
}

/** A real answer and a real autocomplete list, rendered by the bot's own code, for the bot-sized stand-in. */
async function glossarySizedReplies(directory: string): Promise<string> {
  const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
  if (!opened.ok) throw new Error('the shipped glossary does not load; run `npm run validate`');
  const context = { glossary: opened.value.glossary, engine: opened.value.engine, random: Math.random };
  const answer = reply(renderEntry(opened.value.glossary.entries.get('batch-size')!, context));
  const file = path.join(directory, 'bare-replies.json');
  writeFileSync(file, JSON.stringify({ command: answer.type === 4 ? answer.data : undefined, autocomplete: opened.value.engine.autocomplete('b') }));
  return file;
}

function medianOf(rounds: readonly Round[], pick: (round: Round) => number): number {
  return median(rounds.map(pick));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '400' }, rounds: { type: 'string', default: '5' } } });
  const count = Number(values.count);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(count) || count < 10 || count > 2000 || !Number.isInteger(rounds) || rounds < 1 || rounds > 10) {
    throw new Error('--count must be a whole number from 10 to 2000 and --rounds from 1 to 10');
  }

  // The warm-up and every round draw on one list, each from its own place in it.
  const warmUpSize = WARM_UP_BATCHES * WARM_UP_BATCH_SIZE;
  const mix = await interactionMix(warmUpSize + rounds * count);
  const startTimes: number[] = [];
  for (let run = 0; run < START_RUNS; run++) startTimes.push(await timeNpmStart());
  console.log(`npm start → READY on the shipped glossary: median ${fixed(median(startTimes))} ms (${startTimes.map((ms) => fixed(ms)).join(', ')}; target 2000 ms)`);

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'glossary-load-'));
  const contestants: Contestant[] = [];
  try {
    const { nodeOptions, script } = startCommand();
    contestants.push(await startContestant('bare, small embed', [...nodeOptions, 'bench/bare-bot.mjs'], {}));
    contestants.push(await startContestant('bare, bot-sized', [...nodeOptions, 'bench/bare-bot.mjs'], { BARE_REPLIES: await glossarySizedReplies(scratch) }));
    contestants.push(await startContestant('glossary bot', [...nodeOptions, script], {}));
    const [small, sized, bot] = contestants as [Contestant, Contestant, Contestant];
    const results = new Map<Contestant, Round[]>(contestants.map((contestant) => [contestant, []]));
    for (const contestant of contestants) await warmUp(contestant, mix);
    for (let round = 0; round < rounds; round++) {
      // Rotate the order, so a slow moment of the shared machine does not fall on one side only.
      for (let turn = 0; turn < contestants.length; turn++) {
        const contestant = contestants[(round + turn) % contestants.length]!;
        results.get(contestant)!.push(await burst(contestant, mix, count, warmUpSize + round * count));
      }
    }
    console.log(`\nBursts of ${count} interactions (half /define, half autocomplete) after ${warmUpSize} to warm up; medians of ${rounds} rounds:`);
    console.log(`${'contestant'.padEnd(18)}${'rate/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'CPU ms'.padStart(9)}${'RSS MB'.padStart(9)}${'over 3 s'.padStart(10)}   rate of each round`);
    const rates = new Map<Contestant, number>();
    for (const contestant of contestants) {
      const list = results.get(contestant)!;
      rates.set(contestant, medianOf(list, (round) => round.rate));
      console.log(
        `${contestant.name.padEnd(18)}${fixed(rates.get(contestant)!).padStart(9)}${fixed(medianOf(list, (round) => round.p50)).padStart(9)}` +
          `${fixed(medianOf(list, (round) => round.p99)).padStart(9)}${fixed(medianOf(list, (round) => round.cpuMs), 2).padStart(9)}` +
          `${fixed(residentMegabytes(contestant.child.pid), 1).padStart(9)}${String(list.reduce((sum, round) => sum + round.late, 0)).padStart(10)}` +
          `   ${list.map((round) => fixed(round.rate)).join(', ')}`,
      );
    }
    console.log(`(each runs as npm start runs the bot: node ${[...nodeOptions, script].join(' ')})`);
    const percent = (of: Contestant) => `${((rates.get(bot)! / rates.get(of)!) * 100).toFixed(0)} %`;
    console.log(`\nglossary bot: ${percent(small)} of the rate of the bare client with a small embed, ${percent(sized)} of the one sending the bot's bytes (target ≥ 80 %)`);
    console.log('CPU ms: processor time per interaction, whatever else the machine did; RSS after the bursts (bot target < 150 MB)');
    const problems = bot.fake.problems();
    if (problems.length > 0) console.log(`\n${problems.length} request(s) Discord would have refused, e.g. ${problems[0]}`);
  } finally {
    await Promise.all(contestants.map(stopContestant));
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

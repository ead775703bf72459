/**
 * Replaces the repository's copy of Discord's OpenAPI spec, which the fake Discord of the end-to-end tests
 * validates every request against:
 *
 *   npm run refresh-discord-spec -- <path to a discord-api-spec checkout>/specs/openapi.json
 *
 * It takes a local file, not a URL, so a refresh is a deliberate, reviewable step that works on machines
 * without network access. The new file is checked before anything is overwritten, so a bad download cannot
 * replace a good copy.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { SpecValidator } from '../tests/e2e/fake-discord/spec-validator.js';

const TARGET_DIR = path.join(PACKAGE_ROOT, 'tests', 'e2e', 'discord-api-spec');
const CALLBACK = '/interactions/{interaction_id}/{interaction_token}/callback';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The upstream commit of the file when it comes from a git checkout; otherwise unknown. */
function upstreamCommit(file: string): string | undefined {
  try {
    const commit = execFileSync('git', ['-C', path.dirname(file), 'log', '-1', '--format=%H', '--', path.basename(file)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return commit || undefined;
  } catch {
    return undefined;
  }
}

const source = process.argv[2];
if (!source) fail('usage: npm run refresh-discord-spec -- <path to discord-api-spec/specs/openapi.json>', 2);
const sourcePath = path.resolve(source);
if (!existsSync(sourcePath)) fail(`${sourcePath} does not exist`, 2);

const bytes = readFileSync(sourcePath);
const text = bytes.toString('utf8');
let spec: { openapi?: unknown; info?: { version?: unknown }; paths?: Record<string, unknown> };
try {
  spec = JSON.parse(text) as typeof spec;
} catch (error) {
  fail(`${sourcePath} is not valid JSON: ${(error as Error).message}`);
}
if (typeof spec.openapi !== 'string' || !spec.openapi.startsWith('3.1')) fail(`${sourcePath} is not an OpenAPI 3.1 document (openapi: ${String(spec.openapi)})`);
if (!spec.paths || !(CALLBACK in spec.paths)) fail(`${sourcePath} has no ${CALLBACK}; is it Discord's HTTP API spec?`);
// Loading it the way the fake does also applies spec-patches.ts and the union rewrites, which must still fit.
const validator = SpecValidator.load(sourcePath);
const callback = validator.findOperation('POST', '/interactions/1/token/callback');
const accepted = callback ? validator.validateBody(callback.value, 'application/json', { type: 4, data: { content: 'hi' } }, true) : ['no operation'];
if (accepted.length > 0) fail(`the fake cannot use ${sourcePath}: a plain reply to an interaction is rejected (${accepted.join('; ')})`);

// Written rather than copied, so the copy does not inherit a read-only mode from the source checkout.
const target = path.join(TARGET_DIR, 'openapi.json');
writeFileSync(target, bytes);
const license = path.join(path.dirname(sourcePath), 'LICENSE');
const licenseUpstream = path.join(path.dirname(sourcePath), '..', 'LICENSE');
for (const candidate of [license, licenseUpstream]) {
  if (existsSync(candidate)) {
    writeFileSync(path.join(TARGET_DIR, 'LICENSE'), readFileSync(candidate));
    break;
  }
}

// The README says which copy this is; keep that line true.
const commit = upstreamCommit(sourcePath);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const day = new Date().toISOString().slice(0, 10);
const line = `Copied on ${day} from ${commit ? `upstream commit \`${commit}\`` : 'a copy without git history (upstream commit unknown)'}; \`info.version\` is \`${String(spec.info?.version)}\`; sha256 \`${sha256}\`.`;
const readme = path.join(TARGET_DIR, 'README.md');
const before = readFileSync(readme, 'utf8');
const after = before.replace(/^Copied on .*$/m, line);
if (after === before && !before.includes(line)) console.warn(`README.md has no "Copied on ..." line to update; add: ${line}`);
writeFileSync(readme, after);

console.log(`copied ${sourcePath} to ${path.relative(process.cwd(), target)}\n${line}\nNow run: npx vitest run tests/e2e`);

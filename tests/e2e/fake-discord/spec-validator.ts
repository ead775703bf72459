/**
 * Validates request bodies against Discord's official OpenAPI 3.1 spec (JSON Schema 2020-12) with ajv.
 *
 * The spec is loaded once per process (it is 1.2 MB) and validators are compiled lazily per operation and
 * content type, then reused, so starting a fake stays fast and only routes a test touches pay for compiling.
 * ajv's maxLength/minLength count Unicode code points, the same unit discord-limits.ts uses.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { RouteTable, type RouteMatch } from './route-table.js';
import { applySpecPatches } from './spec-patches.js';
import {
  absolutizeRefs,
  bestOfKeyword,
  isObject,
  pointerEscape,
  resolvePointer,
  rewriteUnions,
  SPEC_ID,
  SUMMARY_KEYWORDS,
  type Schema,
} from './spec-rewrite.js';

// ajv and ajv-formats are CommonJS whose module.exports is the class/function itself with a `.default`
// alias; under NodeNext TypeScript types the default import as the module record, so use `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export interface SpecOperation {
  method: string;
  /** Path template as written in the spec, e.g. `/channels/{channel_id}/messages`. */
  template: string;
  operationId: string;
  /** JSON pointer (within the spec) of the operation object. */
  pointer: string;
  requestBody: Schema | undefined;
  parameters: Schema[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/**
 * The copy of Discord's spec kept in the repository (tests/e2e/discord-api-spec/, see its README), so the
 * tests need nothing beside a fresh clone. `npm run refresh-discord-spec -- <openapi.json>` replaces it.
 */
export const DEFAULT_SPEC_PATH = path.resolve(HERE, '..', 'discord-api-spec', 'openapi.json');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  switch (error.keyword) {
    case 'enum':
      return `${where} must be one of ${formatValue((error.params as { allowedValues: unknown[] }).allowedValues)}, got ${formatValue(error.data)}`;
    case 'const':
      return `${where} must be ${formatValue((error.params as { allowedValue: unknown }).allowedValue)}, got ${formatValue(error.data)}`;
    case 'type':
      return `${where} ${error.message ?? 'has the wrong type'}, got ${formatValue(error.data)}`;
    case 'additionalProperties':
      return `${where} has unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    default:
      return `${where} ${error.message ?? error.keyword}`;
  }
}

/** Keeps the errors that name a concrete mistake; union/if summaries only when nothing more specific exists. */
function summarize(errors: ErrorObject[]): string[] {
  const specific = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const chosen = specific.length > 0 ? specific : errors;
  return [...new Set(chosen.map(formatError))];
}

export class SpecValidator {
  private static readonly cache = new Map<string, SpecValidator>();

  /** One validator per spec file per process, so compiled validators are shared between fakes. */
  static load(specPath: string = DEFAULT_SPEC_PATH): SpecValidator {
    let validator = SpecValidator.cache.get(specPath);
    if (!validator) {
      validator = new SpecValidator(specPath);
      SpecValidator.cache.set(specPath, validator);
    }
    return validator;
  }

  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly routes = new RouteTable<SpecOperation>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly spec: Schema;

  private constructor(specPath: string) {
    if (!existsSync(specPath)) {
      throw new Error(
        `Discord's OpenAPI spec is not at ${specPath}. The end-to-end tests validate every request against it; the ` +
          'repository keeps a copy in tests/e2e/discord-api-spec/openapi.json (restore it with git, or replace it with ' +
          '`npm run refresh-discord-spec -- <path to discord-api-spec/specs/openapi.json>`).',
      );
    }
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Schema;
    this.spec = spec;
    applySpecPatches(spec);
    rewriteUnions(spec);
    absolutizeRefs(spec);
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      verbose: true,
      // The document is an OpenAPI file, not a schema; its embedded schemas are checked as they compile.
      validateSchema: false,
    });
    // int32/int64/double/date-time/uri come from ajv-formats.
    addFormats(this.ajv);
    // Custom formats used by the spec: snowflakes are decimal strings; a nonce is an int64 or a short string
    // and its type/length are already constrained next to the format, so the format itself adds nothing.
    this.ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat('nonce', true);
    this.ajv.addKeyword(bestOfKeyword(this.ajv));
    this.ajv.addSchema(spec, SPEC_ID);

    const paths = isObject(spec.paths) ? spec.paths : {};
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      const shared = Array.isArray(item.parameters) ? (item.parameters as Schema[]) : [];
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        const own = Array.isArray(op.parameters) ? (op.parameters as Schema[]) : [];
        this.routes.add(method, template, {
          method: method.toUpperCase(),
          template,
          operationId: typeof op.operationId === 'string' ? op.operationId : `${method} ${template}`,
          pointer: `#/paths/${pointerEscape(template)}/${method}`,
          requestBody: isObject(op.requestBody) ? op.requestBody : undefined,
          parameters: [...shared, ...own].map((p) =>
            typeof p.$ref === 'string' ? ((resolvePointer(spec, p.$ref) as Schema | undefined) ?? p) : p,
          ),
        });
      }
    }
  }

  /**
   * Compiles the request-body validators of these requests now rather than on their first use.
   * Compiling one can take seconds on a busy machine; done inside a test, that stalls the process,
   * and with it an in-process bot's heartbeats and the fake's own answers.
   */
  prepare(requests: ReadonlyArray<readonly [method: string, apiPath: string]>): void {
    for (const [method, apiPath] of requests) {
      const op = this.findOperation(method, apiPath)?.value;
      if (!op) throw new Error(`${method} ${apiPath} is not an operation of Discord's OpenAPI spec`);
      const content = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content : {};
      for (const contentType of Object.keys(content)) this.validatorFor(`${op.pointer}/requestBody/content/${pointerEscape(contentType)}/schema`);
    }
  }

  findOperation(method: string, apiPath: string): RouteMatch<SpecOperation> | null {
    return this.routes.find(method, apiPath);
  }

  hasPath(apiPath: string): boolean {
    return this.routes.hasPath(apiPath);
  }

  /**
   * Problems with a request body for an operation. `contentType` is the media type the body came in as;
   * for multipart the parsed `payload_json` part is validated against the multipart schema.
   */
  validateBody(op: SpecOperation, contentType: string, body: unknown, hasBody: boolean): string[] {
    const requestBody = op.requestBody;
    if (!requestBody) {
      return hasBody ? [`${op.method} ${op.template} takes no request body but one was sent`] : [];
    }
    if (!hasBody) {
      return requestBody.required === true ? [`${op.method} ${op.template} requires a request body`] : [];
    }
    const content = isObject(requestBody.content) ? requestBody.content : {};
    if (!(contentType in content)) {
      return [`content type ${contentType} is not accepted here (spec allows ${Object.keys(content).join(', ')})`];
    }
    const validate = this.validatorFor(`${op.pointer}/requestBody/content/${pointerEscape(contentType)}/schema`);
    if (validate(body)) return [];
    return summarize(validate.errors ?? []);
  }

  /** Query parameters the operation does not declare, and booleans that are not `true`/`false`. */
  checkQuery(op: SpecOperation, query: Record<string, string>): string[] {
    const problems: string[] = [];
    const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [String(p.name), p]));
    for (const [name, value] of Object.entries(query)) {
      const param = declared.get(name);
      if (!param) {
        problems.push(`query parameter "${name}" is not defined for ${op.method} ${op.template}`);
        continue;
      }
      const schema = isObject(param.schema) ? param.schema : {};
      if (schema.type === 'boolean' && value !== 'true' && value !== 'false') {
        problems.push(`query parameter "${name}" must be true or false, got ${formatValue(value)}`);
      }
    }
    return problems;
  }

  /** Path parameters declared as snowflakes must look like one. */
  checkPathParams(op: SpecOperation, params: Record<string, string>): string[] {
    const problems: string[] = [];
    for (const param of op.parameters) {
      if (param.in !== 'path') continue;
      const schema = isObject(param.schema) ? param.schema : {};
      const name = String(param.name);
      const value = params[name];
      if (value !== undefined && String(schema.$ref).endsWith('#/components/schemas/SnowflakeType') && !/^(0|[1-9][0-9]*)$/.test(value)) {
        problems.push(`path parameter ${name} must be a snowflake, got ${formatValue(value)}`);
      }
    }
    return problems;
  }

  /**
   * Problems with a response body against the operation's documented response for that status (exact code,
   * then `4XX`-style ranges). Used to check the fake's own answers look like Discord's.
   */
  validateResponse(op: SpecOperation, status: number, body: unknown): string[] {
    const responses = this.responsesOf(op);
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!key) return [`status ${status} is not a documented response of ${op.method} ${op.template}`];
    const content = this.contentOf(responses[key]);
    if (!content || !('application/json' in content)) {
      return body === undefined ? [] : [`status ${status} of ${op.method} ${op.template} documents no body but one was sent`];
    }
    if (body === undefined) return [`status ${status} of ${op.method} ${op.template} documents a JSON body but none was sent`];
    const pointer = `${op.pointer}/responses/${key}`;
    const target = this.resolveRef(responses[key]);
    // Responses may be shared `#/components/responses/...` objects; validate against wherever they live.
    const base = target.ref?.replace(SPEC_ID, '') ?? pointer;
    const validate = this.validatorFor(`${base}/content/application~1json/schema`);
    return validate(body) ? [] : summarize(validate.errors ?? []);
  }

  private responsesOf(op: SpecOperation): Schema {
    const operation = resolvePointer(this.spec, op.pointer);
    return isObject(operation) && isObject(operation.responses) ? operation.responses : {};
  }

  private resolveRef(node: unknown): { node: unknown; ref: string | undefined } {
    if (isObject(node) && typeof node.$ref === 'string') return { node: resolvePointer(this.spec, node.$ref), ref: node.$ref };
    return { node, ref: undefined };
  }

  private contentOf(response: unknown): Schema | undefined {
    const { node } = this.resolveRef(response);
    return isObject(node) && isObject(node.content) ? node.content : undefined;
  }

  private validatorFor(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }
}

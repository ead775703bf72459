/**
 * Preparing Discord's OpenAPI document for ajv: JSON-pointer helpers, and rewrites of its unions so that
 * validation errors name the actual mistake instead of listing every branch of every union.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

export type Schema = Record<string, unknown>;

/** Id under which the whole document is registered with ajv; refs are made absolute against it. */
export const SPEC_ID = 'discord-openapi.json';
/** Custom keyword for unions without a discriminator. */
export const BEST_OF = 'x-fake-best-of';
/** Keywords whose errors only summarise errors of their sub-schemas. */
export const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', BEST_OF]);

export function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function resolvePointer(root: unknown, reference: string): unknown {
  const ref = reference.startsWith(SPEC_ID) ? reference.slice(SPEC_ID.length) : reference;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Rewrites the spec's unions so ajv's errors point at the real mistake instead of listing every branch:
 * - `oneOf/anyOf: [{type: null}, X]` becomes `if null else X`;
 * - unions of named constants become a plain `enum`;
 * - unions whose branches are objects told apart by distinct `type` values (interaction callbacks,
 *   components, command options) become `if type in tags_i then branch_i`, i.e. a discriminator.
 * - any other union becomes `x-fake-best-of` (see `bestOfKeyword`), which reports only the closest branch.
 * All are equivalent to the original for valid bodies, except that oneOf is relaxed to anyOf (the spec marks
 * its anyOfs as `x-discord-union: oneOf` anyway, and overlapping branches are not what a bot gets wrong).
 */
export function rewriteUnions(spec: Schema): void {
  const deref = (node: unknown): unknown => {
    let current = node;
    for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
      current = resolvePointer(spec, current.$ref);
    }
    return current;
  };
  const tagValues = (branch: unknown): unknown[] | null => {
    const target = deref(branch);
    if (!isObject(target) || !isObject(target.properties)) return null;
    const typeProp = target.properties.type;
    if (!isObject(typeProp)) return null;
    if ('const' in typeProp) return [typeProp.const];
    return Array.isArray(typeProp.enum) ? typeProp.enum : null;
  };
  const isNullSchema = (s: unknown) => isObject(s) && s.type === 'null' && Object.keys(s).length === 1;

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isObject(node)) return;
    for (const value of Object.values(node)) visit(value);
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = node[key];
      if (!Array.isArray(branches)) continue;
      const nullable = branches.some(isNullSchema);
      const others = branches.filter((b) => !isNullSchema(b));
      let replacement: Schema | null = null;
      const consts = branches.every(
        (b) => isObject(b) && 'const' in b && Object.keys(b).every((k) => ['const', 'title', 'description'].includes(k)),
      );
      if (consts) {
        // Named-constant enums (button styles, channel types...): one "must be one of" instead of one error per constant.
        replacement = { enum: branches.map((b) => (b as Schema).const) };
      } else if (others.length === 1 && nullable) {
        replacement = { else: others[0] };
      } else if (others.length > 1) {
        const tags = others.map(tagValues);
        const flat = tags.flatMap((t) => t ?? []);
        if (tags.every((t) => t !== null) && new Set(flat).size === flat.length) {
          const discriminated: Schema = {
            allOf: [
              { type: 'object', required: ['type'], properties: { type: { enum: flat } } },
              ...others.map((branch, i) => ({
                if: { required: ['type'], properties: { type: { enum: tags[i] } } },
                then: branch,
              })),
            ],
          };
          replacement = nullable ? { else: discriminated } : discriminated;
        } else {
          replacement = nullable ? { else: { [BEST_OF]: others } } : { [BEST_OF]: others };
        }
      }
      if (!replacement) continue;
      delete node[key];
      if ('enum' in replacement) {
        node.enum = replacement.enum;
        continue;
      }
      const wrapped = 'else' in replacement ? { if: { type: 'null' }, ...replacement } : replacement;
      const allOf = Array.isArray(node.allOf) ? node.allOf : [];
      node.allOf = [...allOf, wrapped];
    }
  };
  visit(spec.components);
  visit(spec.paths);
}

/** `#/components/...` -> `discord-openapi.json#/components/...`, so any sub-schema can be compiled on its own. */
export function absolutizeRefs(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(absolutizeRefs);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) node.$ref = `${SPEC_ID}${node.$ref}`;
  for (const value of Object.values(node)) absolutizeRefs(value);
}

/**
 * A union without a discriminator (e.g. autocomplete choices that are integer, number or string data): valid
 * if any branch is; otherwise it reports the errors of the branch with the fewest, i.e. what the sender most
 * likely meant, instead of every branch's complaints. Branch validators compile on first use and are cached.
 */
export function bestOfKeyword(ajv: { compile(schema: Schema): ValidateFunction }) {
  const cache = new WeakMap<object, ValidateFunction[]>();
  return {
    keyword: BEST_OF,
    schemaType: 'array' as const,
    errors: true as const,
    validate: function bestOf(
      this: unknown,
      branches: Schema[],
      data: unknown,
      _parent?: unknown,
      dataCxt?: { instancePath: string },
    ): boolean {
      let validators = cache.get(branches);
      if (!validators) {
        validators = branches.map((branch) => ajv.compile(branch));
        cache.set(branches, validators);
      }
      let best: ErrorObject[] | undefined;
      for (const validate of validators) {
        if (validate(data)) return true;
        const errors = validate.errors ?? [];
        const score = (list: ErrorObject[]) => list.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword)).length || list.length;
        if (!best || score(errors) < score(best)) best = errors;
      }
      const prefix = dataCxt?.instancePath ?? '';
      (bestOf as unknown as { errors: ErrorObject[] }).errors = (best ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
      return false;
    },
  };
}

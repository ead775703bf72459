/**
 * Places where Discord's published OpenAPI spec is stricter than the live API, and what discord.js sends
 * is accepted by Discord. Each patch widens the spec (in memory only) so the fake does not report
 * problems the real API would not have; keep this list short and say why for each entry.
 */

type Schema = Record<string, unknown>;

function schemaAt(spec: Schema, name: string): Schema | undefined {
  const components = spec.components as { schemas?: Record<string, Schema> } | undefined;
  return components?.schemas?.[name];
}

/** Permission bitfields: the spec says integer, the docs (and Discord) use a decimal string, which discord.js sends. */
function allowStringPermissions(spec: Schema): void {
  for (const name of ['ApplicationCommandCreateRequest', 'ApplicationCommandPatchRequestPartial', 'ApplicationCommandUpdateRequest']) {
    const props = schemaAt(spec, name)?.properties as Record<string, Schema> | undefined;
    const original = props?.default_member_permissions;
    if (!props || !original) continue;
    props.default_member_permissions = {
      anyOf: [original, { type: 'string', pattern: '^(0|[1-9][0-9]{0,19})$' }],
    };
  }
}

export function applySpecPatches(spec: Schema): void {
  allowStringPermissions(spec);
}

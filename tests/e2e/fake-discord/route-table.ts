/**
 * Matches request paths against Discord-style path templates such as
 * `/webhooks/{webhook_id}/{webhook_token}/messages/@original`. Used both for the OpenAPI spec's
 * operations and for the fake's own handlers, so both agree on which route a request hit.
 */

type Segment = { literal: string } | { param: string };

interface Entry<T> {
  method: string;
  template: string;
  segments: Segment[];
  value: T;
}

export interface RouteMatch<T> {
  template: string;
  params: Record<string, string>;
  value: T;
}

function parse(template: string): Segment[] {
  return splitPath(template).map((part) => {
    const m = /^\{(.+)\}$/.exec(part);
    return m?.[1] ? { param: m[1] } : { literal: part };
  });
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    // Clients percent-encode some segments (discord.js sends `messages/%40original`), so compare decoded.
    const part = decode(parts[i]!);
    if ('literal' in seg) {
      if (seg.literal !== part) return null;
    } else {
      params[seg.param] = part;
    }
  }
  return params;
}

/** Literal segments beat parameters, position by position (so `/messages/@original` wins over `/messages/{message_id}`). */
function specificity(segments: Segment[]): string {
  return segments.map((seg) => ('literal' in seg ? '1' : '0')).join('');
}

export class RouteTable<T> {
  private readonly entries: Entry<T>[] = [];

  add(method: string, template: string, value: T): void {
    this.entries.push({ method: method.toUpperCase(), template, segments: parse(template), value });
    this.entries.sort((a, b) => specificity(b.segments).localeCompare(specificity(a.segments)));
  }

  /** The best match for method + path, or null. */
  find(method: string, path: string): RouteMatch<T> | null {
    const parts = splitPath(path);
    const upper = method.toUpperCase();
    for (const entry of this.entries) {
      if (entry.method !== upper) continue;
      const params = matchSegments(entry.segments, parts);
      if (params) return { template: entry.template, params, value: entry.value };
    }
    return null;
  }

  /** Whether any method is routed at this path (to tell 404 from 405). */
  hasPath(path: string): boolean {
    const parts = splitPath(path);
    return this.entries.some((entry) => matchSegments(entry.segments, parts) !== null);
  }
}

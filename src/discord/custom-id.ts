import { DISCORD_LIMITS } from '../glossary/limits.js';
import { idSchema } from '../glossary/schema.js';

/**
 * Buttons and menus carry everything their click needs in the custom_id, so they keep working
 * after a restart or on another instance. Format: `g1:<action>:<args…>`; "g1" is the version,
 * bumped if the format ever changes so old buttons are refused politely instead of misread.
 *
 * - open a term:      g1:t:<id>[:<trail…>]   (trail = where the reader came from, newest first)
 * - go back:          g1:b:<id>[:<trail…>]
 * - browse a page:    g1:p:<category>:<page>
 * - all categories:   g1:c
 * - pick from a menu: g1:o                  (the chosen id is the menu's value)
 * - open privately:   g1:e:<id>              (from a comparison, which stays as it is)
 */
export type ComponentAction =
  | { kind: 'open'; id: string; trail: string[] }
  | { kind: 'back'; id: string; trail: string[] }
  | { kind: 'page'; category: string; page: number }
  | { kind: 'overview' }
  | { kind: 'pick' }
  | { kind: 'peek'; id: string };

export type DecodeResult = { ok: true; action: ComponentAction } | { ok: false; reason: 'version' | 'malformed' };

const VERSION = 'g1';
const SEPARATOR = ':';
const MAX_PAGE = 9999;

export function encodeCustomId(action: ComponentAction): string {
  switch (action.kind) {
    case 'open':
    case 'back': {
      const head = [VERSION, action.kind === 'open' ? 't' : 'b', action.id].join(SEPARATOR);
      // Keep as much of the trail as fits; the oldest steps are the ones to lose.
      let encoded = head;
      for (const step of action.trail) {
        const longer = `${encoded}${SEPARATOR}${step}`;
        if (longer.length > DISCORD_LIMITS.customId) break;
        encoded = longer;
      }
      return encoded;
    }
    case 'page':
      return [VERSION, 'p', action.category, String(action.page)].join(SEPARATOR);
    case 'overview':
      return [VERSION, 'c'].join(SEPARATOR);
    case 'pick':
      return [VERSION, 'o'].join(SEPARATOR);
    case 'peek':
      return [VERSION, 'e', action.id].join(SEPARATOR);
  }
}

const isId = (value: string | undefined): value is string => value !== undefined && idSchema.safeParse(value).success;

/** Parses an untrusted custom_id. Anything not produced by `encodeCustomId` is refused. */
export function decodeCustomId(customId: string): DecodeResult {
  if (customId.length === 0 || customId.length > DISCORD_LIMITS.customId) return { ok: false, reason: 'malformed' };
  const [version, kind, ...args] = customId.split(SEPARATOR);
  if (version !== VERSION) return { ok: false, reason: /^g\d+$/.test(version ?? '') ? 'version' : 'malformed' };
  switch (kind) {
    case 't':
    case 'b': {
      const [id, ...trail] = args;
      if (!isId(id) || !trail.every(isId)) return { ok: false, reason: 'malformed' };
      return { ok: true, action: { kind: kind === 't' ? 'open' : 'back', id, trail } };
    }
    case 'p': {
      const [category, page, ...extra] = args;
      if (!isId(category) || page === undefined || !/^\d{1,4}$/.test(page) || extra.length > 0) return { ok: false, reason: 'malformed' };
      const number = Number(page);
      return number <= MAX_PAGE ? { ok: true, action: { kind: 'page', category, page: number } } : { ok: false, reason: 'malformed' };
    }
    case 'e': {
      const [id, ...extra] = args;
      return isId(id) && extra.length === 0 ? { ok: true, action: { kind: 'peek', id } } : { ok: false, reason: 'malformed' };
    }
    case 'c':
    case 'o':
      return args.length === 0 ? { ok: true, action: { kind: kind === 'c' ? 'overview' : 'pick' } } : { ok: false, reason: 'malformed' };
    default:
      return { ok: false, reason: 'malformed' };
  }
}

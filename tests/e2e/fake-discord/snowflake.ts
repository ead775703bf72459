/**
 * Discord-style snowflake ids, so ids in fake payloads look and sort like real ones
 * (discord.js derives `createdTimestamp` from them, and code under test may too).
 */

/** 2015-01-01T00:00:00.000Z, Discord's epoch. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/** A fresh, unique snowflake for the given time (default: now), as Discord sends it: a decimal string. */
export function snowflake(atMs: number = Date.now()): string {
  const timestamp = BigInt(Math.floor(atMs)) - DISCORD_EPOCH;
  // Worker 1, process 0 like a real id; the 12-bit increment keeps ids unique within one millisecond.
  const id = (timestamp << 22n) | (1n << 17n) | (increment & 0xfffn);
  increment += 1n;
  return id.toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** True for a string Discord would accept as a snowflake. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(value);
}

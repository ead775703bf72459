import type { Glossary } from '../glossary/load.js';
import type { SearchEngine } from '../glossary/search/engine.js';

/** What every handler may read. Plain data: handlers stay pure and testable without Discord. */
export interface BotContext {
  glossary: Glossary;
  engine: SearchEngine;
  /** A number in [0, 1); injected so /random is testable. */
  random(): number;
}

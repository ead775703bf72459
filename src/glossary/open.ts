import { type Glossary, loadGlossary } from './load.js';
import type { Problem } from './problems.js';
import { SearchEngine } from './search/engine.js';

export interface OpenGlossary {
  glossary: Glossary;
  engine: SearchEngine;
  problems: Problem[];
}

/** Loads and validates the glossary files and builds the search engine over them. */
export async function openGlossary(paths: readonly string[]): Promise<{ ok: true; value: OpenGlossary } | { ok: false; problems: Problem[] }> {
  const { glossary, problems } = await loadGlossary(paths);
  if (!glossary) return { ok: false, problems };
  return { ok: true, value: { glossary, engine: new SearchEngine(glossary.entries.values()), problems } };
}

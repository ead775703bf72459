import type { CommandModule } from '../src/discord/command.js';
import { browse } from './browse.js';
import { define } from './define.js';
import { explainTerms } from './explain-terms.js';
import { help } from './help.js';
import { random } from './random.js';
import { search } from './search.js';

/** The whole command set: what deploy-commands registers and what the router dispatches to. */
export const COMMANDS: readonly CommandModule[] = [define, search, browse, random, help, explainTerms];

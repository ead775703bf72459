/**
 * Discord's documented limits that the OpenAPI spec does not express (or expresses more loosely), checked
 * on request bodies. Each returns human-readable problems; nothing here rejects a request.
 *
 * Lengths are counted in Unicode code points (`[...text].length`), which is how Discord counts message and
 * embed text for these limits; a UTF-16 `.length` would over-count emoji and other astral characters.
 */

type Obj = Record<string, unknown>;

const IS_COMPONENTS_V2 = 1 << 15;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const BUTTON = 2;
const ACTION_ROW = 1;
const STRING_SELECT = 3;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

/** Character count as Discord applies its limits: Unicode code points. */
export function charCount(text: string): number {
  return [...text].length;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function checkLength(problems: string[], where: string, value: unknown, max: number, min = 0): void {
  if (value === undefined || value === null) {
    if (min > 0) problems.push(`${where} is required`);
    return;
  }
  if (typeof value !== 'string') return; // the spec check reports wrong types
  const n = charCount(value);
  if (n > max) problems.push(`${where} is ${n} characters (max ${max})`);
  if (n < min) problems.push(`${where} is ${n} characters (min ${min})`);
}

export interface MessageCheckOptions {
  /** Creating a message (must not be empty) rather than editing one. */
  creating: boolean;
  /** Number of uploaded files in a multipart request (they make a message non-empty). */
  fileCount?: number;
}

// ---------------------------------------------------------------------------------------------- embeds

function checkEmbeds(problems: string[], embeds: unknown[]): void {
  if (embeds.length > 10) problems.push(`embeds has ${embeds.length} embeds (max 10)`);
  let total = 0;
  const count = (value: unknown) => {
    if (typeof value === 'string') total += charCount(value);
  };
  embeds.forEach((embed, i) => {
    if (!isObj(embed)) return;
    const at = `embeds[${i}]`;
    checkLength(problems, `${at}.title`, embed.title, 256);
    checkLength(problems, `${at}.description`, embed.description, 4096);
    count(embed.title);
    count(embed.description);
    const fields = arr(embed.fields);
    if (fields.length > 25) problems.push(`${at}.fields has ${fields.length} fields (max 25)`);
    fields.forEach((field, j) => {
      if (!isObj(field)) return;
      checkLength(problems, `${at}.fields[${j}].name`, field.name, 256, 1);
      checkLength(problems, `${at}.fields[${j}].value`, field.value, 1024, 1);
      count(field.name);
      count(field.value);
    });
    if (isObj(embed.footer)) {
      checkLength(problems, `${at}.footer.text`, embed.footer.text, 2048, 1);
      count(embed.footer.text);
    }
    if (isObj(embed.author)) {
      checkLength(problems, `${at}.author.name`, embed.author.name, 256, 1);
      count(embed.author.name);
    }
  });
  if (total > 6000) problems.push(`embeds total ${total} characters across titles, descriptions, fields, footers and authors (max 6000)`);
}

// ------------------------------------------------------------------------------------------ components

function checkButton(problems: string[], at: string, button: Obj): void {
  const style = button.style;
  checkLength(problems, `${at}.label`, button.label, 80);
  if (style === LINK_STYLE) {
    if (typeof button.url !== 'string') problems.push(`${at} is a link button without url`);
    if (button.custom_id !== undefined && button.custom_id !== null) problems.push(`${at} is a link button with a custom_id`);
  } else if (style === PREMIUM_STYLE) {
    if (typeof button.sku_id !== 'string') problems.push(`${at} is a premium button without sku_id`);
    for (const key of ['custom_id', 'url', 'label', 'emoji']) {
      if (button[key] !== undefined && button[key] !== null) problems.push(`${at} is a premium button with ${key}`);
    }
  } else {
    if (typeof button.custom_id !== 'string') problems.push(`${at} is a non-link button without custom_id`);
    if (button.url !== undefined && button.url !== null) problems.push(`${at} is a non-link button with a url`);
  }
  if (style !== PREMIUM_STYLE && !button.label && !button.emoji) problems.push(`${at} has neither label nor emoji`);
}

function checkSelect(problems: string[], at: string, select: Obj): void {
  checkLength(problems, `${at}.placeholder`, select.placeholder, 150);
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (min < 0 || min > 25) problems.push(`${at}.min_values is ${min} (0-25)`);
  if (max < 1 || max > 25) problems.push(`${at}.max_values is ${max} (1-25)`);
  if (min > max) problems.push(`${at}.min_values ${min} is greater than max_values ${max}`);
  if (select.type !== STRING_SELECT) return;
  const options = arr(select.options);
  if (options.length < 1 || options.length > 25) problems.push(`${at}.options has ${options.length} options (1-25)`);
  if (max > options.length && options.length > 0) problems.push(`${at}.max_values ${max} exceeds its ${options.length} options`);
  const values = new Set<string>();
  let defaults = 0;
  options.forEach((option, k) => {
    if (!isObj(option)) return;
    checkLength(problems, `${at}.options[${k}].label`, option.label, 100, 1);
    checkLength(problems, `${at}.options[${k}].value`, option.value, 100, 1);
    checkLength(problems, `${at}.options[${k}].description`, option.description, 100);
    const value = str(option.value);
    if (value !== undefined) {
      if (values.has(value)) problems.push(`${at}.options[${k}].value "${value}" is used twice in this select`);
      values.add(value);
    }
    if (option.default === true) defaults += 1;
  });
  if (defaults > max) problems.push(`${at} has ${defaults} default options but max_values ${max}`);
}

function checkActionRow(problems: string[], at: string, row: Obj): void {
  const children = arr(row.components);
  if (children.length < 1) problems.push(`${at} is an action row without components`);
  const selects = children.filter((c) => isObj(c) && SELECT_TYPES.has(c.type as number));
  const buttons = children.filter((c) => isObj(c) && c.type === BUTTON);
  if (selects.length > 0 && children.length > 1) {
    problems.push(`${at} holds a select menu together with ${children.length - 1} other component(s); a select needs its own row`);
  }
  if (buttons.length > 5) problems.push(`${at} has ${buttons.length} buttons (max 5)`);
  children.forEach((child, j) => {
    if (isObj(child) && child.type !== BUTTON && !SELECT_TYPES.has(child.type as number)) {
      problems.push(`${at}.components[${j}] has type ${String(child.type)}, which does not belong in a message action row`);
    }
  });
}

/** Walks every component (rows, containers, sections, accessories), applying per-type rules. */
function walkComponents(problems: string[], components: unknown[], at: string, customIds: Map<string, string>): number {
  let count = 0;
  components.forEach((component, i) => {
    if (!isObj(component)) return;
    const here = `${at}[${i}]`;
    count += 1;
    const customId = component.custom_id;
    if (customId !== undefined && customId !== null) {
      checkLength(problems, `${here}.custom_id`, customId, 100, 1);
      if (typeof customId === 'string') {
        const first = customIds.get(customId);
        if (first) problems.push(`${here}.custom_id "${customId}" duplicates ${first}; custom_ids must be unique in a message`);
        else customIds.set(customId, here);
      }
    }
    if (component.type === ACTION_ROW) checkActionRow(problems, here, component);
    if (component.type === BUTTON) checkButton(problems, here, component);
    if (SELECT_TYPES.has(component.type as number)) checkSelect(problems, here, component);
    count += walkComponents(problems, arr(component.components), `${here}.components`, customIds);
    if (isObj(component.accessory)) count += walkComponents(problems, [component.accessory], `${here}.accessory`, customIds);
  });
  return count;
}

function checkComponents(problems: string[], message: Obj): void {
  const components = arr(message.components);
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  if (!v2) {
    if (components.length > 5) problems.push(`components has ${components.length} action rows (max 5)`);
    components.forEach((row, i) => {
      if (isObj(row) && row.type !== ACTION_ROW) {
        problems.push(`components[${i}] has type ${String(row.type)}; without the IS_COMPONENTS_V2 flag top-level components must be action rows`);
      }
    });
  }
  const total = walkComponents(problems, components, 'components', new Map());
  if (v2) {
    if (total > 40) problems.push(`components has ${total} components in total (max 40 with IS_COMPONENTS_V2)`);
    for (const key of ['content', 'embeds', 'poll', 'sticker_ids']) {
      const value = message[key];
      if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '') {
        problems.push(`${key} cannot be sent with the IS_COMPONENTS_V2 flag`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------- message

/** Limits for a message body (channel message, interaction response data, webhook execute/edit). */
export function checkMessage(message: unknown, options: MessageCheckOptions): string[] {
  const problems: string[] = [];
  if (!isObj(message)) {
    if (options.creating) problems.push('message body is missing');
    return problems;
  }
  checkLength(problems, 'content', message.content, 2000);
  checkEmbeds(problems, arr(message.embeds));
  checkComponents(problems, message);
  const allowed = message.allowed_mentions;
  if (isObj(allowed)) {
    const parse = arr(allowed.parse);
    for (const kind of ['users', 'roles'] as const) {
      if (parse.includes(kind) && arr(allowed[kind]).length > 0) {
        problems.push(`allowed_mentions.parse contains "${kind}" and allowed_mentions.${kind} is also set (mutually exclusive)`);
      }
    }
  }
  if (options.creating) {
    const nonEmpty =
      (typeof message.content === 'string' && message.content.length > 0) ||
      arr(message.embeds).length > 0 ||
      arr(message.components).length > 0 ||
      arr(message.sticker_ids).length > 0 ||
      arr(message.attachments).length > 0 ||
      isObj(message.poll) ||
      (options.fileCount ?? 0) > 0;
    if (!nonEmpty) problems.push('Cannot send an empty message (no content, embeds, components, files, stickers or poll)');
  }
  return problems;
}

// ----------------------------------------------------------------------------------- interaction callback

function checkAutocomplete(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(data) || !Array.isArray(data.choices)) return ['autocomplete result needs data.choices'];
  const choices = data.choices;
  if (choices.length > 25) problems.push(`data.choices has ${choices.length} choices (max 25)`);
  choices.forEach((choice, i) => {
    if (!isObj(choice)) return;
    checkLength(problems, `data.choices[${i}].name`, choice.name, 100, 1);
    checkLength(problems, `data.choices[${i}].value`, choice.value, 100);
  });
  return problems;
}

function checkModal(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(data)) return ['modal needs data'];
  checkLength(problems, 'data.title', data.title, 45, 1);
  checkLength(problems, 'data.custom_id', data.custom_id, 100, 1);
  const components = arr(data.components);
  if (components.length < 1 || components.length > 5) problems.push(`data.components has ${components.length} components (1-5)`);
  return problems;
}

/** Limits for `POST /interactions/{id}/{token}/callback`, by callback type. */
export function checkInteractionCallback(body: unknown, fileCount = 0): string[] {
  if (!isObj(body)) return [];
  switch (body.type) {
    case 4: // CHANNEL_MESSAGE_WITH_SOURCE
      return checkMessage(body.data, { creating: true, fileCount }).map((p) => `data: ${p}`);
    case 7: // UPDATE_MESSAGE
      return checkMessage(body.data ?? {}, { creating: false, fileCount }).map((p) => `data: ${p}`);
    case 8: // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
      return checkAutocomplete(body.data);
    case 9: // MODAL
      return checkModal(body.data);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------- application commands

// Discord's documented name pattern for chat-input commands and options (Devanagari/Thai marks included).
const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkChatInputName(problems: string[], where: string, name: unknown): void {
  if (typeof name !== 'string') {
    problems.push(`${where}.name is required`);
    return;
  }
  if (!CHAT_INPUT_NAME.test(name)) problems.push(`${where}.name "${name}" does not match ^[-_\\p{L}\\p{N}]{1,32}$`);
  if (name !== name.toLowerCase()) problems.push(`${where}.name "${name}" must be lowercase`);
}

function checkOptions(problems: string[], where: string, options: unknown[], depth: number): void {
  if (options.length > 25) problems.push(`${where}.options has ${options.length} options (max 25)`);
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<string>();
  options.forEach((option, i) => {
    if (!isObj(option)) return;
    const at = `${where}.options[${i}]`;
    checkChatInputName(problems, at, option.name);
    checkLength(problems, `${at}.description`, option.description, 100, 1);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) problems.push(`${at}.name "${option.name}" is used twice`);
      names.add(option.name);
    }
    const type = option.type;
    const isSub = type === 1 || type === 2;
    kinds.add(isSub ? 'subcommand' : 'value');
    if (type === 2 && depth > 0) problems.push(`${at} is a subcommand group nested below the top level`);
    if (type === 1 && depth > 1) problems.push(`${at} is a subcommand nested too deep`);
    if (!isSub) {
      if (option.required === true && sawOptional) problems.push(`${at} is required but follows an optional option`);
      if (option.required !== true) sawOptional = true;
    }
    const choices = arr(option.choices);
    if (choices.length > 25) problems.push(`${at}.choices has ${choices.length} choices (max 25)`);
    if (option.autocomplete === true && choices.length > 0) problems.push(`${at} has both autocomplete and choices`);
    choices.forEach((choice, j) => {
      if (!isObj(choice)) return;
      checkLength(problems, `${at}.choices[${j}].name`, choice.name, 100, 1);
      checkLength(problems, `${at}.choices[${j}].value`, choice.value, 100);
    });
    if (isSub) checkOptions(problems, at, arr(option.options), depth + 1);
    if (type === 2) {
      for (const child of arr(option.options)) {
        if (isObj(child) && child.type !== 1) problems.push(`${at} is a subcommand group containing a non-subcommand`);
      }
    }
  });
  if (kinds.size > 1) problems.push(`${where} mixes subcommands with value options at the same level`);
}

function checkCommand(problems: string[], where: string, command: unknown): void {
  if (!isObj(command)) return;
  const type = typeof command.type === 'number' ? command.type : 1;
  if (type === 1) {
    checkChatInputName(problems, where, command.name);
    checkLength(problems, `${where}.description`, command.description, 100, 1);
    checkOptions(problems, where, arr(command.options), 0);
  } else {
    checkLength(problems, `${where}.name`, command.name, 32, 1);
    if (typeof command.description === 'string' && command.description !== '') {
      problems.push(`${where}.description must be empty for a context menu command`);
    }
    if (arr(command.options).length > 0) problems.push(`${where} is a context menu command with options`);
  }
}

/** Limits for a bulk overwrite (`PUT .../commands`): each command plus per-set counts and unique names. */
export function checkCommandSet(body: unknown): string[] {
  const problems: string[] = [];
  const commands = arr(body);
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    checkCommand(problems, `[${i}]`, command);
    if (!isObj(command)) return;
    const type = typeof command.type === 'number' ? command.type : 1;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) problems.push(`[${i}].name "${String(command.name)}" is registered twice for command type ${type}`);
    seen.add(key);
  });
  const limits: Array<[number, number, string]> = [
    [1, 100, 'chat-input'],
    [2, 5, 'user context menu'],
    [3, 5, 'message context menu'],
  ];
  for (const [type, max, label] of limits) {
    const n = counts.get(type) ?? 0;
    if (n > max) problems.push(`${n} ${label} commands (max ${max})`);
  }
  return problems;
}

/** Limits for creating or editing one command. */
export function checkSingleCommand(body: unknown): string[] {
  const problems: string[] = [];
  checkCommand(problems, 'command', body);
  return problems;
}

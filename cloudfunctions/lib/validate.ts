/**
 * Validation at the function edge: every event is parsed by its action's schema (strict objects,
 * bounded strings), and the first problem becomes a Chinese message the person can act on.
 */
import * as z from 'zod';
import { EDGE_MESSAGES, EVENT_LIMITS } from '../../types/errors';
import { AppError } from './errors';


/** A required id: non-empty, short, no spaces. */
export const id = () => z.string().min(1).max(64).regex(/^[\w-]+$/);

/** Text a person typed: trimmed, 1..max characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * What a text is, for WeChat's content check (msgSecCheck v2 `scene`): 1 a profile or name
 * (资料), 2 a comment (评论), 3 a post others read (论坛), 4 a log of what happened (社交日志).
 */
export type TextScene = 1 | 2 | 3 | 4;

/** Every schema made by `userText`, with its scene: the router checks these fields of an event. */
const USER_TEXT = z.registry<{ scene: TextScene }>();

/**
 * Text a person typed that others will read (demands, notes, reasons, comments, names, titles):
 * like `text`, and checked by content security before the handler runs (lib/content.ts). A new
 * action adopts the check by using this for its fields. `optional`: may be empty.
 */
export function userText(max: number, options: { scene?: TextScene; optional?: boolean } = {}) {
  const schema = options.optional ? z.string().trim().max(max) : text(max);
  USER_TEXT.add(schema, { scene: options.scene ?? 3 });
  return schema;
}

/** A user text found in a parsed event. */
export interface FoundText {
  /** Where it was, e.g. `needs.0.text` (for logs, never shown). */
  path: string;
  text: string;
  scene: TextScene;
}

/**
 * The `userText` fields of a parsed event, walked along its schema (objects, optionals, arrays),
 * skipping empty ones. Schemas are the ones of this project: strict objects of fields.
 */
export function userTextsOf(schema: z.ZodType, value: unknown, path = ''): FoundText[] {
  if (value === undefined || value === null) return [];
  const s = unwrapped(schema);
  const marked = USER_TEXT.get(s);
  if (marked) return typeof value === 'string' && value ? [{ path, text: value, scene: marked.scene }] : [];
  const def = defOf(s);
  if (def.type === 'object') return Object.entries(def.shape!).flatMap(([k, f]) => userTextsOf(f, (value as Record<string, unknown>)[k], join(path, k)));
  if (def.type === 'array' && Array.isArray(value)) return value.flatMap((v, i) => userTextsOf(def.element!, v, join(path, String(i))));
  return [];
}

/**
 * Where a schema takes user text, as paths (`needs.*.text`): for `GET /api`, so a client (and
 * the tests) know which fields are checked.
 */
export function userTextPaths(schema: z.ZodType, path = ''): string[] {
  const s = unwrapped(schema);
  if (USER_TEXT.has(s)) return [path];
  const def = defOf(s);
  if (def.type === 'object') return Object.entries(def.shape!).flatMap(([k, f]) => userTextPaths(f, join(path, k)));
  if (def.type === 'array') return userTextPaths(def.element!, join(path, '*'));
  return [];
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional']);

/** The schema inside optional/nullable/default wrappers and pipes (a marked schema stops the walk). */
function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (USER_TEXT.has(s)) return s;
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType!;
    else if (def.type === 'pipe') s = def.out!;
    else return s;
  }
}

/** One of the keys of a label record (types/labels.ts): the labels are the list of choices. */
export const oneOf = <K extends string>(labels: Record<K, string>) => z.enum(Object.keys(labels) as [K, ...K[]]);

/** A cloud storage file id (cloud://…), as an upload returns it. */
export const fileId = () => z.string().min(10).max(300).regex(/^cloud:\/\/[\w.\-/]+$/);

/** Photos attached to a request: at most six of the caller's uploads (lib/storage.ts `ownsPhoto`). */
export const photos = () => z.array(fileId()).max(6);

/** Pagination every list takes: page from 1, at most 50 a page. */
export const paging = {
  page: z.number().int().min(1).max(10000).optional(),
  pageSize: z.number().int().min(1).max(50).optional(),
};

/**
 * Refuses an event nested deeper than EVENT_LIMITS.depth (INVALID_INPUT) or larger than
 * EVENT_LIMITS.size as JSON (PAYLOAD_TOO_LARGE). Walks with its own stack, never recursion, and
 * stops at the first limit passed: a hostile event costs at most the limit's worth of work.
 */
export function checkEventShape(event: unknown): void {
  const stack: [unknown, number][] = [[event, 1]];
  let size = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      size += value.length + 2;
      if (size <= EVENT_LIMITS.size && LONE_SURROGATE.test(value)) throw new AppError('INVALID_INPUT', EDGE_MESSAGES.BAD_TEXT);
    }
    else if (value === null || typeof value !== 'object') size += 8;
    else {
      if (depth > EVENT_LIMITS.depth) throw new AppError('INVALID_INPUT', EDGE_MESSAGES.TOO_DEEP);
      size += 2;
      if (Array.isArray(value)) for (const v of value) stack.push([v, depth + 1]);
      else
        for (const [k, v] of Object.entries(value)) {
          size += k.length + 4;
          if (LONE_SURROGATE.test(k)) throw new AppError('INVALID_INPUT', EDGE_MESSAGES.BAD_TEXT);
          stack.push([v, depth + 1]);
        }
    }
    if (size > EVENT_LIMITS.size) throw new AppError('PAYLOAD_TOO_LARGE', EDGE_MESSAGES.PAYLOAD_TOO_LARGE);
  }
}

/** Half of a UTF-16 pair on its own: text no database can store as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Longest field name a refusal quotes back. */
const NAME_SHOWN = 32;

/**
 * A field name as a refusal may show it: the caller wrote it, so no markup or control characters,
 * and at most NAME_SHOWN characters.
 */
export function shownName(name: PropertyKey): string {
  const clean = String(name).replace(/[<>&"'`\u0000-\u001f\u007f]/g, '');
  return clean.length > NAME_SHOWN ? `${clean.slice(0, NAME_SHOWN)}…` : clean;
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  // reportInput: without it zod leaves `issue.input` out and a mistyped field reads as missing.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError('INVALID_INPUT', describeIssue(result.error.issues[0]));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? `「${shownName(issue.path.map(String).join('.'))}」` : '请求';
  switch (issue.code) {
    case 'unrecognized_keys':
      // Only the first: the rest are the caller's own words, as many and as long as they like.
      return `不允许的字段：「${shownName(issue.keys[0])}」${issue.keys.length > 1 ? ` 等 ${issue.keys.length} 个` : ''}`;
    case 'invalid_type':
      return issue.input === undefined ? `缺少必填字段${field}` : `字段${field}的类型不正确`;
    case 'too_big':
      return issue.origin === 'string' ? `字段${field}过长，最多 ${issue.maximum} 个字` : `字段${field}超出允许范围（最大 ${issue.maximum}）`;
    case 'too_small':
      return issue.origin === 'string' ? `字段${field}不能为空` : `字段${field}超出允许范围（最小 ${issue.minimum}）`;
    case 'invalid_value':
      // zod reports a missing choice field (an enum) as an invalid value.
      return issue.input === undefined ? `缺少必填字段${field}` : `字段${field}的取值无效`;
    case 'invalid_format':
      return `字段${field}的格式不正确`;
    case 'custom':
      // A rule across fields (a refine): its message is already written for people.
      return issue.message;
    default:
      return `字段${field}不正确`;
  }
}

/**
 * Input validation at the edges and at command boundaries: zod schemas, with
 * every failure turned into VALIDATION_FAILED and one `{path, message}` per
 * problem, the message in plain Chinese ("必填", "最多 64 个字符", "只能是 a、b 之一").
 * A message a schema sets itself (`z.string({ error: '请填写名称' })`) wins.
 */
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  array: '数组',
  object: '对象',
  date: '日期',
  bigint: '整数',
  null: 'null',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '有效的邮箱地址',
  url: '有效的网址（http:// 或 https:// 开头）',
  uuid: 'UUID（如 123e4567-e89b-12d3-a456-426614174000）',
  guid: 'UUID',
  datetime: 'ISO 8601 时间，带时区（如 2026-12-01T08:00:00+08:00）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM）',
  regex: '正确的格式',
};

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join('、');

/** A Chinese message for each kind of zod issue (used as the per-parse error map). */
export function zhMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必填';
      if (issue.expected === 'nonoptional') return '必填';
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `最多 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'file') return `最大 ${max} 字节`;
      return issue.inclusive === false ? `须小于 ${max}` : `不能大于 ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(min) <= 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(min) <= 1 ? '至少 1 项' : `至少 ${min} 项`;
      return issue.inclusive === false ? `须大于 ${min}` : `不能小于 ${min}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `只能是 ${list(issue.values)}`
        : `只能是 ${list(issue.values)} 之一`;
    case 'invalid_format': {
      if (issue.format === 'starts_with') return `须以 ${String(issue.prefix)} 开头`;
      if (issue.format === 'ends_with') return `须以 ${String(issue.suffix)} 结尾`;
      if (issue.format === 'includes') return `须包含 ${String(issue.includes)}`;
      return `应为${FORMAT_NAMES[issue.format] ?? '正确的格式'}`;
    }
    case 'not_multiple_of':
      return `须是 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return '不认识的字段';
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_key':
    case 'invalid_element':
      return '取值无效';
    default:
      return '取值无效';
  }
}

/** The per-parse error map: zod's own English only where a schema gave no message. */
export const zhErrorMap = (issue: Issue) => ({ message: zhMessage(issue) });

/** Parses input at an edge or a command boundary; failures become VALIDATION_FAILED with field details. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: zhErrorMap });
  if (result.success) return result.data;
  throw validationError(result.error);
}

/** One detail per problem; an unknown key is reported at its own path. */
export function zodDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): ErrorDetail[] {
  return error.issues.flatMap((i) => {
    const base = [...prefix, ...i.path];
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => ({
        path: pathText([...base, key]),
        message: `不认识的字段“${key}”`,
      }));
    }
    return [{ path: pathText(base), message: i.message }];
  });
}

export function validationError(error: z.ZodError, prefix: readonly PropertyKey[] = []): AppError {
  return new AppError('VALIDATION_FAILED', undefined, { details: zodDetails(error, prefix) });
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * What a command that validates its own input accepts: the fields of its
 * schema's input, each of any type (forms and JSON bodies are checked
 * there, with field messages, not by the caller).
 */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

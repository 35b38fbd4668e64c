/**
 * Typed application errors with stable codes (Fastify `lib/errors.js` style).
 *
 * Every error a user can see has a code in ERROR_CODES mapping to an HTTP
 * status and a default (Chinese) message. Tests assert the code, never the
 * message text; `docs/errors.md` lists every code (kept in sync by a test).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 422, message: '输入有误，请检查后重试' },
  BAD_REQUEST: { status: 400, message: '请求格式有误' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '邮箱或密码不正确' },
  ACCOUNT_SUSPENDED: { status: 403, message: '该账号已被停用' },
  EMAIL_UNVERIFIED: {
    status: 403,
    message: '请先验证邮箱：验证链接已发送到你的邮箱，点击后即可登录',
  },
  LINK_INVALID: { status: 410, message: '链接无效或已过期，请重新申请' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  CSRF_REJECTED: { status: 403, message: '请求来源不可信，请刷新页面后重试' },
  NOT_FOUND: { status: 404, message: '页面不存在' },
  ARTICLE_NOT_FOUND: { status: 404, message: '文章不存在' },
  CREATOR_NOT_FOUND: { status: 404, message: '创作者不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  APPLICATION_NOT_FOUND: { status: 404, message: '入驻申请不存在' },
  IMAGE_NOT_FOUND: { status: 404, message: '图片不存在' },
  IMPORT_JOB_NOT_FOUND: { status: 404, message: '导入任务不存在' },
  COMMENT_NOT_FOUND: { status: 404, message: '评论不存在' },
  CHANNEL_NOT_FOUND: { status: 404, message: '频道不存在' },
  TAG_NOT_FOUND: { status: 404, message: '这个话题下还没有文章' },
  ARTICLE_GONE: { status: 410, message: '文章已被删除' },
  REVISION_NOT_FOUND: { status: 404, message: '该版本不存在' },
  IMAGE_IN_USE: { status: 409, message: '图片正在被文章使用，不能删除' },
  EMAIL_TAKEN: { status: 409, message: '该邮箱已被注册' },
  HANDLE_TAKEN: { status: 409, message: '该账号名已被占用' },
  CHANNEL_TAKEN: { status: 409, message: '该频道标识已被使用' },
  LAST_CHANNEL: { status: 409, message: '至少要保留一个频道' },
  APPLICATION_PENDING: { status: 409, message: '您已有一份待审核的入驻申请' },
  ALREADY_CREATOR: { status: 409, message: '您已经是创作者' },
  APPLICATION_DECIDED: { status: 409, message: '该申请已审核' },
  SELF_FOLLOW: { status: 422, message: '不能关注自己' },
  INVALID_STATE: { status: 409, message: '当前状态下不能执行此操作' },
  CONTENT_REJECTED: { status: 422, message: '内容含有违规或垃圾信息，无法发布' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的文件类型' },
  INVALID_ENCODING: { status: 400, message: '请求内容不是有效的 UTF-8' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '内容过大' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  DATA_DIR_LOCKED: { status: 503, message: '数据目录已被另一个进程占用' },
  DB_UNAVAILABLE: { status: 503, message: '数据库暂时无法连接，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Field-level details (e.g. validation issues), safe to show to the user. */
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { details?: readonly ErrorDetail[]; cause?: unknown },
  ) {
    super(message ?? ERROR_CODES[code].message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options?.details;
  }
}

export interface ErrorDetail {
  /** Dotted path of the offending field, '' for the whole input. */
  readonly path: string;
  readonly message: string;
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * Error codes and messages that mean "the database cannot be reached now"
 * (the server is down, restarting, refusing connections, or the connection
 * broke), as opposed to a query that is wrong: node-postgres and Node socket
 * codes, PostgreSQL SQLSTATE classes 08 (connection) and 57P (shutdown).
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Connection ended|not queryable|the embedded database (?:is closed|stopped)|terminating connection/i;

/** Whether `err` (or anything in its cause chain: Drizzle wraps driver errors) is an outage. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Maps anything thrown in a request to an AppError: our own errors as they
 * are, framework errors (bad JSON, too large, unsupported type) by status,
 * a database outage to DB_UNAVAILABLE (503), and everything else to INTERNAL
 * (whose details are logged, never shown).
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new AppError('DB_UNAVAILABLE', undefined, { cause: err });
  const status = (err as { statusCode?: unknown }).statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('BAD_REQUEST', undefined, { cause: err });
  }
  return new AppError('INTERNAL', undefined, { cause: err });
}

/**
 * Route schemas shared by the web pages and the API: path parameters and the
 * shapes of HTML form fields. Domain rules (what a title may be) stay in the
 * domains; these only say what a request part can look like at all.
 */
import { z } from 'zod';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';

/** Slugs, handles and other names in paths are short; anything longer cannot exist. */
const NAME_MAX = 64;

export const ArticleId = z
  .string()
  .regex(ARTICLE_ID_PATTERN, '文章编号为 12 位小写字母和数字')
  .meta({ description: '文章编号（12 位）', example: 'ab3cd4ef5gh6' });
export const Uuid = z.uuid();

export const ArticleIdParams = z.object({ id: ArticleId });
export const UuidParams = z.object({ id: Uuid });
export const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
export const HandleParams = z.object({
  handle: z
    .string()
    .max(NAME_MAX)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** A cursor we handed out (opaque; validated again when decoded). */
export const CursorText = z
  .string()
  .max(NAME_MAX)
  .meta({ description: '上一页响应中的 next_cursor，原样传回' });

/** The first value of a form field that may come repeated; absent means ''. */
export function formText(max: number) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.string().max(max).optional().default(''),
  );
}

/** Every value of a form field (checkboxes, multi-selects). */
export function formList(maxItems: number, maxChars: number) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(maxChars)).max(maxItems),
  );
}

/** A checkbox: on when its value is `1`. */
export const formFlag = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v),
  z
    .string()
    .max(8)
    .optional()
    .transform((v) => v === '1'),
);

/** A query parameter pages read loosely: a bad value means "not given", never an error page. */
export function loose<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * An HTML form body: the named fields, others ignored (`_csrf`, buttons); a
 * post without a body reads as an empty form, so the domain's own messages
 * ("请填写标题") reach the form instead of a generic error.
 */
export function formBody<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.preprocess((v) => (v === undefined || v === null ? {} : v), z.object(shape));
}

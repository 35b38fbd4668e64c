import { z } from 'zod';
import { normalizeTag, TAG_MAX_CHARS } from '../../articles/index.js';
import { codePointLength } from '../../text/index.js';

/**
 * `{name}` of /tag/{name}: percent-decoded by the router, then normalised as
 * tags are stored. Something no tag can be (empty, too long) is a 404, never
 * a field error: the URL names a page that does not exist.
 */
export const TagParams = z.object({
  name: z
    .string()
    .max(400)
    .transform((raw) => normalizeTag(raw))
    .refine((tag) => tag !== '' && codePointLength(tag) <= TAG_MAX_CHARS, '话题名称无效'),
});

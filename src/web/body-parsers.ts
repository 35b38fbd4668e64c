/**
 * Request body parsers that refuse what would otherwise be silently damaged:
 * bodies that are not valid UTF-8 (Node would turn them into U+FFFD, a lost
 * character) get INVALID_ENCODING; malformed JSON gets BAD_REQUEST; JSON with
 * `__proto__`/`constructor` keys is refused (prototype poisoning).
 */
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../shared/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError('INVALID_ENCODING');
  }
}

/** application/x-www-form-urlencoded → object; repeated keys become arrays. */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  if (text === '') return out;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new AppError('INVALID_ENCODING');
    }
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function registerBodyParsers(app: FastifyInstance): void {
  // Only JSON, forms and multipart are accepted; anything else is 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      const text = decode(body as Buffer);
      if (text.trim() === '') return done(null, undefined);
      done(
        null,
        sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
      );
    } catch (err) {
      done(
        err instanceof AppError ? err : new AppError('BAD_REQUEST', '请求内容不是有效的 JSON'),
        undefined,
      );
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (_request, body, done) => {
      try {
        done(null, parseForm(decode(body as Buffer)));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
}

/**
 * One-click unsubscribe (RFC 8058): every non-essential mail carries a link
 * that stops that kind of mail without a sign-in. The link is the account,
 * the scope and an HMAC under the server secret — nothing stored, nothing to
 * guess, and it cannot be turned against another account.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isNotificationType, type NotificationType } from './types.js';

export type UnsubscribeScope = NotificationType | 'digest' | 'all';

function sign(secret: string, userId: string, scope: string): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${userId}:${scope}`)
    .digest('base64url')
    .slice(0, 32);
}

export function unsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope): string {
  return `${userId}.${scope}.${sign(secret, userId, scope)}`;
}

export function unsubscribeUrl(
  ctx: { site: { publicUrl: string }; secret: string },
  userId: string,
  scope: UnsubscribeScope,
): string {
  return `${ctx.site.publicUrl}/unsubscribe/${unsubscribeToken(ctx.secret, userId, scope)}`;
}

/** The account and scope of a valid token, or undefined. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; scope: UnsubscribeScope } | undefined {
  const [userId = '', scope = '', mac = ''] = token.split('.');
  if (!z.uuid().safeParse(userId).success) return undefined;
  if (scope !== 'digest' && scope !== 'all' && !isNotificationType(scope)) return undefined;
  const expected = Buffer.from(sign(secret, userId, scope));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { userId, scope };
}

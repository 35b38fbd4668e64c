/**
 * Times are stored in UTC and shown in China Standard Time (Asia/Shanghai),
 * as readers there expect: UTC+8 all year (no daylight saving since 1991).
 */
import { SITE_OFFSET_MS } from '../../shared/time-zone.js';

/** `2026-01-25 17:27` in Asia/Shanghai. */
export function formatDateTime(date: Date): string {
  // Shifted by the fixed offset, the UTC fields are Shanghai's (Intl's formatToParts cost 2 % of a render).
  const iso = new Date(date.getTime() + SITE_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

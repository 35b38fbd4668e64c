import { escapeHtml } from '@kitajs/html';
import { stableHash } from '../shared/ids.js';

/**
 * Background colours for generated avatars: all give white text a contrast
 * ratio of at least 4.5:1 (WCAG AA), so the initial is always readable.
 */
const AVATAR_COLOURS = [
  '#b3261e',
  '#8c4a00',
  '#3b6e00',
  '#00677f',
  '#0b57d0',
  '#6f43c0',
  '#a0306e',
  '#4a5568',
];

/** A round avatar with the first character of the name, for creators without an uploaded one. */
export function initialAvatarSvg(handle: string, displayName: string): string {
  const initial = escapeHtml(Array.from(displayName.trim())[0] ?? '?');
  const colour = AVATAR_COLOURS[stableHash(handle) % AVATAR_COLOURS.length];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<circle cx="32" cy="32" r="32" fill="${colour}"/>` +
    `<text x="32" y="42" text-anchor="middle" font-size="28" fill="#fff" ` +
    `font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif">${initial}</text></svg>`
  );
}

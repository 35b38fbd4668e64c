/**
 * Redirect targets we take from a request (`?next=` after signing in): only
 * paths on this site. An open redirect would let a phishing link borrow our
 * domain, so anything a browser could read as another origin is refused —
 * `//host`, `/\host`, a tab or newline the URL parser strips (`/\t/host`),
 * and the same written percent-encoded.
 */

/** Longer `next` values are not paths we made. */
const MAX_NEXT_LENGTH = 500;
/** A throw-away origin to resolve against: a result with another origin left the site. */
const BASE = 'http://byline.invalid';
/** Control characters (C0, DEL, C1) and backslashes, which URL parsers treat in surprising ways. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

function decodedForms(path: string): string[] {
  const forms = [path];
  let current = path;
  // Up to three rounds: %252F-style double encoding decodes to %2F, then to /.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return [...forms, '\\'];
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/** `next` when it is a same-site path, else `/`; the result is ASCII and safe for a Location header. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH) return '/';
  for (const form of decodedForms(next)) {
    if (!form.startsWith('/') || form.startsWith('//') || UNSAFE.test(form)) return '/';
    // Whitespace between the slashes (`/ /host`, `/\u3000/host`) is not a path either.
    if (/^\/[\s\u3000]*\//.test(form)) return '/';
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Percent-encodes what a Location header cannot carry (non-ASCII, spaces, controls). */
export function locationValue(path: string): string {
  return path.replace(/[^\x21-\x7e]/gu, (c) =>
    [...Buffer.from(c, 'utf8')]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}

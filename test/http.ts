/** Helpers for driving the server through app.inject like a browser or an API client. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parseHtml } from './html.js';

/** A browser: keeps cookies, sends same-origin headers, finds the CSRF token on pages. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  /** Acts as the user of this session token (as if signed in). */
  useSession(token: string): this {
    this.cookies.set('byline_session', token);
    return this;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        url,
        headers: { cookie: this.cookieHeader(), 'sec-fetch-site': 'none' },
      }),
    );
  }

  /** Posts a form; `_csrf` is added from the last page unless given. */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const params = new URLSearchParams();
    if (opts.csrf !== false && this.csrf) params.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          ...opts.headers,
        },
        payload: params.toString(),
      }),
    );
  }

  async upload(url: string, field: string, bytes: Buffer, filename: string, type: string) {
    const { body, contentType } = multipart({ _csrf: this.csrf }, field, bytes, filename, type);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': contentType,
          accept: 'application/json',
          'sec-fetch-site': 'same-origin',
        },
        payload: body,
      }),
    );
  }
}

export function multipart(
  fields: Record<string, string>,
  fileField: string,
  bytes: Buffer,
  filename: string,
  type: string,
) {
  const boundary = `----byline${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
  );
  parts.push(bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function errorsOn(html: string): Record<string, string> {
  const root = parseHtml(html);
  return Object.fromEntries(
    root
      .querySelectorAll('.field.has-error')
      .map((f) => [
        f.querySelector('input,textarea,select')?.getAttribute('name') ??
          f.querySelector('input')?.getAttribute('name') ??
          '',
        f.querySelector('.error')?.text ?? '',
      ]),
  );
}

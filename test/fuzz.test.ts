/**
 * Property-based fuzzing of every route of a real listening server (the
 * production server in its own process, test/fuzz-target.ts): malformed
 * path parameters (every length 1–300 included), queries, cookies (the
 * `byline_mode=%E0%A4%A` that once ended the process), headers, encodings,
 * content types and bodies (broken, nested and huge JSON, invalid UTF-8,
 * prototype-pollution keys, junk multipart), signed in and out.
 *
 * The property: no response is a 5xx, every request gets an answer, and the
 * process is alive throughout. Seeded (FUZZ_SEED) and replayable: a failure
 * prints the seed and the shrunk request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from './db.js';
import { buildRequest, rawRequest, type RawResponse } from './raw-http.js';

const TARGET = fileURLToPath(new URL('./fuzz-target.ts', import.meta.url));
/** Replay a failure with FUZZ_SEED=<the printed seed>. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
/** The issue's floor for one run: fixed sweeps first, then random batches up to it. */
const MIN_REQUESTS = 20_000;
/** Random batches (of BATCH sent at once); by default as many as reach MIN_REQUESTS. */
const RUNS_OVERRIDE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const BATCH = 8;

interface Target {
  port: number;
  routes: { method: string; url: string }[];
  ids: Record<string, string> & { articles: string[] };
  credentials: Record<'admin' | 'creator' | 'reader', { token: string; csrf: string }>;
}

let child: ChildProcess;
let target: Target;
let stderr = '';
const statuses = new Map<number, number>();
let sent = 0;

function alive(): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function send(request: Buffer): Promise<RawResponse> {
  const res = await rawRequest(target.port, request);
  sent++;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  return res;
}

let dropDatabase = async () => {};

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'byline-fuzz-'));
  // On PostgreSQL when the run has one (what production runs, and it answers in parallel).
  const env: Record<string, string> = {};
  if (testEngines().find((e) => e.engine === 'postgres')?.skip === null) {
    const database = await createTestDatabase('postgres', { empty: true });
    env.DATABASE_URL = database.url!;
    dropDatabase = () => database.close();
  }
  // node --import tsx, not the tsx CLI: a kill reaches the server itself, not a wrapper.
  child = spawn(process.execPath, ['--import', 'tsx', TARGET, dataDir], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)));
  target = await new Promise<Target>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Target);
    });
    child.on('exit', (code) => reject(new Error(`fuzz target exited (${code}):\n${stderr}`)));
  });
}, 180_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 200));
  await dropDatabase();
});

// ---------- what requests are made of ----------

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const idOfLength = (n: number) =>
  Array.from({ length: n }, (_, i) => ID_ALPHABET[i % ID_ALPHABET.length]).join('');

/** Bytes as %XX (what a URL carries when the bytes are not UTF-8 at all). */
const percentBytes = (bytes: Uint8Array) =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

const nasty = fc.constantFrom(
  '%E0%A4%A',
  '%',
  '%%',
  '%00',
  '%0A',
  '%0D%0A',
  '..',
  '%2e%2e',
  '%2F',
  '%5C',
  '%FF%FE',
  '%C3%28',
  '%F0%9F%98',
  '%ED%A0%80',
  '__proto__',
  'constructor',
  'prototype',
  '[object Object]',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '%E3%80%80',
  encodeURIComponent('网易号'),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent("' OR 1=1 --"),
);

/** A path segment or query value: plausible, random text, random bytes, or known trouble. */
const value = (ids: Target['ids']) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...Object.values(ids).flat()) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }).map(idOfLength) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 24 }).map(percentBytes) },
    { weight: 3, arbitrary: nasty },
    { weight: 1, arbitrary: fc.nat(1_000_000).map(String) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(5_000)) },
  );

const QUERY_KEYS = [
  'limit',
  'cursor',
  'before',
  'page',
  'q',
  'mode',
  'next',
  'channel',
  'author',
  'from',
  'to',
  'status',
  'sort',
  'explain',
  'comments',
  'reply',
  'shared',
  'posted',
  'reported',
  'done',
  'type',
  'added',
  'removed',
  '__proto__',
  'constructor[prototype]',
  'a[b][c]',
];

const query = (ids: Target['ids']) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), value(ids)), value(ids)), {
      maxLength: 5,
    })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

const cookieValue = fc.oneof(
  fc.constantFrom('%E0%A4%A', 'care', 'standard', '', '"', '=;=', '%', 'deleted'),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[;\r\n]/g, '')),
  fc.uint8Array({ maxLength: 20 }).map((b) =>
    Buffer.from(b)
      .toString('latin1')
      .replace(/[;\r\n\0]/g, ''),
  ),
);

type Who = 'anonymous' | 'admin' | 'creator' | 'reader' | 'bearer-admin' | 'bearer-creator';
const who = fc.constantFrom<Who>(
  'anonymous',
  'anonymous',
  'admin',
  'creator',
  'reader',
  'bearer-admin',
  'bearer-creator',
);

const JSON_BODIES = fc.oneof(
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .dictionary(
      fc.constantFrom(
        'title',
        'body_markdown',
        'channel',
        'summary',
        'cover_image_id',
        'claim_original',
        'publish',
        'publish_at',
        'email',
        'password',
        'display_name',
        'handle',
        'account_type',
        'tagline',
        'bio',
        'focus_channels',
        'sample_links',
        'contact',
        'reason',
        'role',
        'body',
        'parent_id',
        '__proto__',
        'constructor',
      ),
      fc.jsonValue(),
      { maxKeys: 8 },
    )
    .map((o) => Buffer.from(JSON.stringify(o))),
  fc
    .constantFrom(
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"title":',
      '{',
      '[',
      'nul',
      '',
      ' ',
      '"string"',
      '1e999999',
      `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`,
      `{"title":"${'长'.repeat(300_000)}"}`,
    )
    .map((s) => Buffer.from(s)),
  fc
    .uint8Array({ maxLength: 64 })
    .map((b) => Buffer.concat([Buffer.from('{"title":"'), Buffer.from(b), Buffer.from('"}')])),
);

const FORM_BODIES = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'title',
          'bodyMarkdown',
          'channel',
          'intent',
          'publishAt',
          'email',
          'password',
          'next',
          'target',
          'body',
          'parentId',
          'reason',
          'note',
          'action',
          'ids',
          'word',
          'term',
          'category',
          'displayName',
          'handle',
          'accountType',
          'focusChannels',
          '__proto__',
        ),
        value({ x: 'x', articles: [] } as unknown as Target['ids']),
      ),
      value({ x: 'x', articles: [] } as unknown as Target['ids']),
    ),
    { maxLength: 8 },
  )
  .map((pairs) => Buffer.from(pairs.map(([k, v]) => `${k}=${v}`).join('&')));

const MULTIPART = fc
  .tuple(fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 200 }))
  .map(([name, bytes]) => {
    const boundary = 'fuzzboundary';
    return {
      type: `multipart/form-data; boundary=${boundary}`,
      body: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${name.replace(/["\r\n]/g, '')}.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        Buffer.from(bytes),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    };
  });

const body = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constant({ type: undefined as string | undefined, body: Buffer.alloc(0) }),
  },
  {
    weight: 4,
    arbitrary: JSON_BODIES.map((b) => ({
      type: 'application/json' as string | undefined,
      body: b,
    })),
  },
  {
    weight: 4,
    arbitrary: FORM_BODIES.map((b) => ({
      type: 'application/x-www-form-urlencoded' as string | undefined,
      body: b,
    })),
  },
  { weight: 1, arbitrary: MULTIPART },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/json; charset=latin1',
          'multipart/form-data',
          '*/*',
          'application/x-www-form-urlencoded; charset=gbk',
          '',
        ),
        fc.uint8Array({ maxLength: 100 }),
      )
      .map(([type, bytes]) => ({ type: type as string | undefined, body: Buffer.from(bytes) })),
  },
);

const extraHeaders = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constant('accept'),
      fc.constantFrom('application/json', 'text/html', '*/*', 'image/webp', ''),
    ),
    fc.tuple(
      fc.constant('accept-encoding'),
      fc.constantFrom('br', 'gzip', 'br, gzip', 'identity', 'x'),
    ),
    fc.tuple(fc.constant('if-none-match'), fc.constantFrom('"x"', '*', 'W/"y"', '')),
    fc.tuple(
      fc.constant('x-forwarded-for'),
      fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 2.2.2.2', ''),
    ),
    fc.tuple(fc.constant('x-forwarded-proto'), fc.constantFrom('https', 'http', 'gopher')),
    fc.tuple(
      fc.constant('authorization'),
      fc.constantFrom('Bearer ', 'Bearer x', 'Basic abc', 'Bearer ' + 'a'.repeat(200)),
    ),
    fc.tuple(
      fc.constant('origin'),
      fc.constantFrom('http://127.0.0.1', 'https://evil.example', 'null'),
    ),
    fc.tuple(fc.constant('sec-fetch-site'), fc.constantFrom('same-origin', 'cross-site', 'none')),
    fc.tuple(fc.constant('x-csrf-token'), fc.constantFrom('x', '')),
    fc.tuple(fc.constant('user-agent'), fc.constantFrom('Mozilla/5.0', 'curl/8', '', 'Googlebot')),
    fc.tuple(fc.constant('sec-purpose'), fc.constantFrom('prefetch', 'prerender')),
    fc.tuple(fc.constant('range'), fc.constantFrom('bytes=0-10', 'bytes=x')),
    fc.tuple(
      fc.constant('x-junk'),
      fc.uint8Array({ maxLength: 30 }).map((b) =>
        Buffer.from(b)
          .toString('latin1')
          .replace(/[\r\n\0]/g, ''),
      ),
    ),
  ),
  { maxLength: 4 },
);

function fillPath(url: string, values: string[]): string {
  let i = 0;
  return url.replace(/:(\w+)/g, () => values[i++ % values.length] ?? 'x');
}

function credentialsOf(w: Who): { cookie: string; headers: [string, string][]; csrf?: string } {
  const c = target.credentials;
  switch (w) {
    case 'admin':
    case 'creator':
    case 'reader':
      return {
        cookie: `byline_session=${c[w].token}`,
        headers: [['sec-fetch-site', 'same-origin']],
        csrf: c[w].csrf,
      };
    case 'bearer-admin':
      return { cookie: '', headers: [['authorization', `Bearer ${c.admin.token}`]] };
    case 'bearer-creator':
      return { cookie: '', headers: [['authorization', `Bearer ${c.creator.token}`]] };
    default:
      return { cookie: '', headers: [] };
  }
}

describe('fuzzing every route of a real server', () => {
  it('answers every malformed request with < 500 and stays alive', async () => {
    // Cached pages first, so the page cache's fast path meets the cookies too.
    for (const url of [
      '/',
      `/article/${target.ids.article}`,
      '/hot',
      `/author/${target.ids.handle}`,
    ])
      await send(buildRequest('GET', url, [['user-agent', 'Mozilla/5.0']]));
    const routes = target.routes.filter((r) => r.method !== 'HEAD');
    const failures: string[] = [];
    const check = (res: RawResponse, what: string) => {
      if (res.status >= 500 || res.status === 0) failures.push(`${res.status} ${what}`);
    };

    // 1. The cookie that ended the process, on every cacheable page and beyond.
    for (const url of [
      '/',
      `/article/${target.ids.article}`,
      '/hot',
      '/nope',
      '/api/v1/articles',
    ]) {
      for (const cookie of [
        'byline_mode=%E0%A4%A',
        'byline_vid=%E0%A4%A; byline_mode=%E0%A4%A',
        'byline_session=%E0%A4%A',
      ]) {
        check(
          await send(buildRequest('GET', url, [['cookie', cookie]])),
          `GET ${url} cookie ${cookie}`,
        );
      }
    }

    // 2. Ids of every length 1–300 in every kind of path parameter.
    const withParams = routes.filter((r) => r.url.includes(':'));
    const representative = new Map<string, { method: string; url: string }>();
    for (const r of withParams) {
      const kind = `${r.url.startsWith('/api') ? 'api' : 'web'}:${(r.url.match(/:\w+/g) ?? []).join(',')}:${r.method}`;
      if (!representative.has(kind)) representative.set(kind, r);
    }
    for (const r of representative.values()) {
      for (let n = 1; n <= 300; n += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, k) => n + k).filter((len) => len <= 300);
        const answers = await Promise.all(
          batch.map((len) => {
            const url = fillPath(r.url, [idOfLength(len)]);
            const cred = credentialsOf('creator');
            return send(
              buildRequest(r.method, url, [
                ...(cred.cookie ? [['cookie', cred.cookie] as [string, string]] : []),
                ...cred.headers,
              ]),
            ).then((res) => ({ res, url }));
          }),
        );
        for (const { res, url } of answers) check(res, `${r.method} ${url}`);
      }
      if (!alive()) break;
    }
    expect(alive(), stderr).toBe(true);

    // 3. Random requests, shrunk to the smallest failing one.
    const request = fc.record({
      route: fc.constantFrom(...routes),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant('') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'BREW'),
        },
      ),
      params: fc.array(value(target.ids), { minLength: 1, maxLength: 3 }),
      query: query(target.ids),
      who,
      cookies: fc.array(
        fc.tuple(
          fc.constantFrom('byline_mode', 'byline_vid', 'byline_session', 'x', '__proto__'),
          cookieValue,
        ),
        { maxLength: 3 },
      ),
      body,
      headers: extraHeaders,
      withCsrf: fc.boolean(),
    });
    const toBytes = (r: typeof request extends fc.Arbitrary<infer T> ? T : never) => {
      const cred = credentialsOf(r.who);
      const cookie = [cred.cookie, ...r.cookies.map(([k, v]) => `${k}=${v}`)]
        .filter(Boolean)
        .join('; ');
      let payload = r.body.body;
      if (r.withCsrf && cred.csrf && r.body.type === 'application/x-www-form-urlencoded')
        payload = Buffer.concat([
          payload,
          Buffer.from(`${payload.length ? '&' : ''}_csrf=${cred.csrf}`),
        ]);
      const headers: [string, string][] = [
        ...(cookie ? [['cookie', cookie] as [string, string]] : []),
        ...cred.headers,
        ...(r.body.type !== undefined ? [['content-type', r.body.type] as [string, string]] : []),
        ...r.headers,
      ];
      const method = r.method || r.route.method;
      const url = `${fillPath(r.route.url, r.params)}${r.query}`;
      return {
        bytes: buildRequest(method, url, headers, payload),
        what: `${method} ${url} [${r.who}] ${r.body.type ?? ''} ${payload.subarray(0, 80).toString('latin1')}`,
      };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const built = batch.map(toBytes);
        const answers = await Promise.all(built.map((b) => send(b.bytes)));
        answers.forEach((res, i) => {
          if (res.status >= 500 || res.status === 0)
            throw new Error(
              `${res.status} for ${built[i]!.what}\n${res.head}\n${stderr.slice(-2000)}`,
            );
        });
        if (!alive()) throw new Error(`the server died:\n${stderr}`);
      }),
      {
        seed: SEED,
        // Enough batches to reach the floor after the fixed sweeps (a few to spare).
        numRuns: RUNS_OVERRIDE ?? Math.max(100, Math.ceil((MIN_REQUESTS - sent) / BATCH) + 10),
      },
    );

    const health = await send(buildRequest('GET', '/healthz', []));
    const summary = [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `[fuzz] ${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}, seed ${SEED}: ${sent} requests, statuses ${summary}; alive ${alive()}`,
    );
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect(alive(), stderr).toBe(true);
    if (RUNS_OVERRIDE === undefined) expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 900_000);
});

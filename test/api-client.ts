/** A small JSON API client for tests against a real server process (fetch). */
import { expect } from 'vitest';

export async function api(
  url: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await api(url, '/session', { body: { email, password } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.token as string;
}

/**
 * A creator on a fresh site, the way a person becomes one: register, apply,
 * approved by the admin (from BYLINE_ADMIN_EMAIL/PASSWORD). Returns its credentials.
 */
export async function becomeCreator(
  url: string,
  admin: { email: string; password: string },
  who: { email: string; password: string; handle: string },
): Promise<{ email: string; password: string; token: string }> {
  expect(
    (
      await api(url, '/users', {
        body: { email: who.email, password: who.password, display_name: who.handle },
      })
    ).status,
  ).toBe(202);
  const token = await signIn(url, who.email, who.password);
  const applied = await api(url, '/creator-applications', {
    token,
    body: {
      display_name: `作者${who.handle}`,
      handle: who.handle,
      account_type: 'individual',
      tagline: '测试创作者',
      contact: 'wechat: test',
    },
  });
  expect(applied.status, JSON.stringify(applied.json)).toBe(201);
  const adminToken = await signIn(url, admin.email, admin.password);
  const approved = await api(
    url,
    `/creator-applications/${(applied.json.application as { id: string }).id}/approve`,
    { token: adminToken, body: {} },
  );
  expect(approved.status).toBe(200);
  return { email: who.email, password: who.password, token };
}

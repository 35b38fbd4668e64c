/** Chromium for browser tests: Debian's build at CHROMIUM_PATH, offline-safe flags. */
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { demoSite } from './site-fixture.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH;
if (!CHROMIUM_PATH && process.env.CI === 'true')
  throw new Error('CI=true but CHROMIUM_PATH is not set');
if (!CHROMIUM_PATH) console.warn('[byline] browser tests skipped: CHROMIUM_PATH is not set');

/** A sandboxed machine without a network: no background connections, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The demo site listening on a free 127.0.0.1 port, and Chromium to browse it. */
export async function demoSiteInChromium() {
  const site = await demoSite();
  await site.app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(site.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH!, args: CHROMIUM_ARGS });
  return {
    site,
    browser,
    origin,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

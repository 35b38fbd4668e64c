/** Chromium for browser tests: Debian's build at CHROMIUM_PATH, offline-safe flags. */
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

/**
 * PostgreSQL LISTEN on a connection of its own, kept open: `onNotify` for each
 * notification; when the connection breaks it is opened again (backing off)
 * and `onReconnect` says that notifications may have been missed meanwhile.
 */
import pg from 'pg';

/** Reconnect delays: quick at first (a restart), then at most every few seconds (an outage). */
const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5_000;

export interface ListenHandlers {
  onNotify(payload: string): void;
  /** Listening again after a break: whatever was notified meanwhile was not heard. */
  onReconnect(): void;
  onError?(err: unknown): void;
}

/** Listens on `channel` until the returned function is called. */
export function listenForever(
  url: string,
  channel: string,
  handlers: ListenHandlers,
): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | undefined;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    client = next;
    let broken = false;
    const onBreak = (err?: unknown) => {
      if (broken) return;
      broken = true;
      if (err) handlers.onError?.(err);
      next.removeAllListeners('notification');
      next.end().catch(() => {});
      if (stopped) return;
      timer = setTimeout(() => void connect(), delay);
      timer.unref();
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
    next.on('error', onBreak);
    next.on('end', () => onBreak());
    next.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotify(n.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      onBreak(err);
      return;
    }
    delay = RECONNECT_MIN_MS;
    if (everConnected) handlers.onReconnect();
    everConnected = true;
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}

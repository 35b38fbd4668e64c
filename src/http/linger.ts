/**
 * Lingering close (as nginx does): when the server answers before it has read
 * the request body — 413 for a body declared over the limit, a 4xx from a
 * route that never reads it — and the connection then closes, the client may
 * still be sending. Closing the socket at once makes the kernel reset the
 * connection, and a client still writing loses the answer it was sent. So
 * the rest of the body is read and dropped, and the socket is closed once the
 * client has finished (or after LINGER_MS).
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client may go on sending a body nobody reads before the connection is cut. */
export const LINGER_MS = 5_000;

const CURRENT = Symbol('byline.currentRequest');
type LingeringSocket = Socket & { [CURRENT]?: IncomingMessage; destroySoon?: () => void };

/** Call for every request: its socket closes gently if it is answered early. */
export function lingerOnEarlyAnswer(req: IncomingMessage): void {
  const socket = req.socket as LingeringSocket;
  const first = socket[CURRENT] === undefined;
  socket[CURRENT] = req;
  if (!first || typeof socket.destroySoon !== 'function') return;
  const destroySoon = socket.destroySoon.bind(socket);
  // Node calls this after the last response on a connection that closes.
  socket.destroySoon = () => {
    const current = socket[CURRENT];
    if (!current || current.complete) return destroySoon();
    current.resume();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    current.once('end', () => {
      clearTimeout(timer);
      socket.destroy();
    });
  };
}

/**
 * Lingering close (as nginx does): when the server answers before it has read
 * the request body — 413 for a body declared over the limit, a 4xx from a
 * route that never reads it — and the connection then closes, the client may
 * still be sending. Closing the socket at once makes the kernel reset the
 * connection, and a client still writing loses the answer it was sent. So
 * the rest of the body is read and dropped, and the socket is closed once the
 * client has finished — or has sent nothing for LINGER_IDLE_MS, or has gone on
 * for LINGER_MAX_MS (nginx's lingering_timeout and lingering_time).
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** A client that sends nothing of the unread body for this long is cut off. */
export const LINGER_IDLE_MS = 5_000;
/** However steadily it sends, a body nobody reads is cut off after this long. */
export const LINGER_MAX_MS = 30_000;

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
    closeWhenQuiet(socket);
    current.once('end', () => socket.destroy());
  };
}

/**
 * Closes `socket` once the client has stopped sending: when it ends its side,
 * after LINGER_IDLE_MS without a byte, or after LINGER_MAX_MS in all. The
 * answer has been written (and `end()` called) before.
 */
function closeWhenQuiet(socket: Socket): void {
  const began = Date.now();
  // Progress is the socket's byte count: the parser drops a dumped body without 'data' events.
  let seen = socket.bytesRead;
  let lastProgress = began;
  const check = () => {
    // After a busy spell the timer can fire before the bytes that came meanwhile are read:
    // setImmediate runs after the poll phase, so those count before deciding.
    setImmediate(() => {
      const now = Date.now();
      if (socket.bytesRead !== seen) [seen, lastProgress] = [socket.bytesRead, now];
      if (now - began >= LINGER_MAX_MS || now - lastProgress >= LINGER_IDLE_MS) socket.destroy();
      else timer = setTimeout(check, LINGER_IDLE_MS - (now - lastProgress)).unref();
    });
  };
  let timer = setTimeout(check, LINGER_IDLE_MS).unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
}

/**
 * The answer to a request Node could not parse (bad header, headers too
 * large): written, then the connection closes gently — a client still
 * sending its body would otherwise be reset and lose the answer.
 */
export function answerUnparsable(socket: Socket, response: string): void {
  socket.end(response);
  // The parser has given up on this connection: what still comes is read and dropped.
  socket.removeAllListeners('data');
  socket.on('data', () => {});
  socket.resume();
  closeWhenQuiet(socket);
}

/**
 * A bare HTTP/1.1 client over a TCP socket: the request goes out byte for
 * byte as given (invalid encodings, control characters, any header), which
 * Node's own client refuses to send. One request per connection.
 */
import { connect } from 'node:net';

export interface RawResponse {
  /** The status code, or 0 when the server closed the connection without answering. */
  readonly status: number;
  readonly head: string;
  readonly bytes: number;
}

export function rawRequest(
  port: number,
  request: Buffer,
  options: { timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const head = all.subarray(0, Math.max(0, all.indexOf('\r\n\r\n'))).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(all.toString('latin1', 0, 20));
      resolve({ status: m ? Number(m[1]) : 0, head, bytes: all.length });
    };
    // Not end(): a half-closed connection may be dropped before the answer is written.
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (b) => chunks.push(b));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    const timer = setTimeout(finish, options.timeoutMs ?? 20_000);
  });
}

/** Builds the bytes of a request: the target and header values are written as Latin-1 bytes. */
export function buildRequest(
  method: string,
  target: string | Buffer,
  headers: readonly [string, string | Buffer][],
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const parts: Buffer[] = [
    Buffer.from(`${method} `, 'latin1'),
    typeof target === 'string' ? Buffer.from(target, 'latin1') : target,
    Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n', 'latin1'),
  ];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `, 'latin1'));
    parts.push(typeof value === 'string' ? Buffer.from(value, 'latin1') : value);
    parts.push(Buffer.from('\r\n', 'latin1'));
  }
  parts.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body);
  return Buffer.concat(parts);
}

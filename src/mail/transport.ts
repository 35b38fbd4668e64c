/**
 * How mail leaves: SMTP (BYLINE_SMTP_URL, through nodemailer), or — when no
 * mail server is configured — a file per message in BYLINE_DATA_DIR/mail, so
 * nothing is lost and an admin can read what would have been sent.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Sends one message; resolves to its Message-ID, rejects when the server refused or was unreachable. */
  send(mail: OutgoingMail): Promise<string>;
  /** True when mail really leaves (SMTP); false when it is only written to files. */
  readonly delivers: boolean;
  /** Where mail goes, for the admin page ("smtp://mail.example.cn:465", "data/mail"). */
  readonly description: string;
  close(): void;
}

/** A mail server that does not answer within this long counts as down (the next attempt comes later). */
const SMTP_CONNECT_TIMEOUT_MS = 10_000;
/** A stalled conversation is abandoned after this long. */
const SMTP_SOCKET_TIMEOUT_MS = 30_000;

/** SMTP through `smtp://` or `smtps://user:pass@host:port` (STARTTLS when the server offers it). */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
    greetingTimeout: SMTP_CONNECT_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
  });
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return {
    delivers: true,
    description: shown.toString().replace(/\/$/, ''),
    async send(mail) {
      const info = await transport.sendMail({ ...mail, headers: { ...mail.headers } });
      return String(info.messageId);
    },
    close: () => transport.close(),
  };
}

/** Each message as an .eml file in `dir` (opened by any mail program), named by time and id. */
export function fileMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    delivers: false,
    description: dir,
    async send(mail) {
      const info = await transport.sendMail({ ...mail, headers: { ...mail.headers } });
      await mkdir(dir, { recursive: true });
      const id = String(info.messageId).replace(/[<>]/g, '');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${id.replace(/[^\w.@-]/g, '_')}.eml`;
      await writeFile(path.join(dir, name), info.message as Buffer);
      return String(info.messageId);
    },
    close: () => transport.close(),
  };
}

// The Transport for Node: HTTP through the built-in fetch, e-mail through
// nodemailer over SMTP. Only this file needs Node; the browser injects an
// in-page transport instead and never loads it. Graded in the CLI only,
// against an HTTP server and an SMTP server on 127.0.0.1.
import nodemailer from 'nodemailer';
import type { HttpResponse, MailMessage, Transport } from './types';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). False: plain, upgraded with STARTTLS when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
}

export interface NodeTransportOptions {
  /** Where mail goes. Absent: sendMail rejects with a message saying so. */
  smtp?: SmtpOptions;
  /** Give up on one HTTP request after this long. Default 10 s. */
  timeoutMs?: number;
}

export interface NodeTransport extends Transport {
  /** Closes the SMTP connection, if one was opened. */
  close(): void;
}

/**
 * - post: one `fetch` with method POST, the body and headers as given, and
 *   `AbortSignal.timeout(timeoutMs)`. Resolves with `{ status, body }` for any status:
 *   judging the answer is the channel's job. Rejects only when no answer came.
 * - sendMail: through one `nodemailer.createTransport({ host, port, secure, auth })`
 *   made once and reused; resolves with nodemailer's messageId.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  throw new Error('not implemented: createNodeTransport()');
}

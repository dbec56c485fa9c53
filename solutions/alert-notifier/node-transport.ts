// The Transport for Node: HTTP through the built-in fetch, e-mail through
// nodemailer over SMTP. Only this file needs Node; the browser injects an
// in-page transport instead and never loads it.
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
  /** Where mail goes. Absent: sendMail rejects. */
  smtp?: SmtpOptions;
  /** Give up on one HTTP request after this long. Default 10 s. */
  timeoutMs?: number;
}

export interface NodeTransport extends Transport {
  /** Closes the SMTP connection, if one was opened. */
  close(): void;
}

export function createNodeTransport({ smtp, timeoutMs = 10_000 }: NodeTransportOptions = {}): NodeTransport {
  // One mailer for the transport's life: nodemailer reuses it for every message.
  const mailer = smtp && nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure ?? false, auth: smtp.auth });

  return {
    async post(url: string, body: string, headers: Record<string, string>): Promise<HttpResponse> {
      // A hung peer must not hold a notification forever: the timeout turns it into a failed delivery.
      const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
      return { status: response.status, body: await response.text() };
    },

    async sendMail(message: MailMessage): Promise<{ messageId?: string }> {
      if (!mailer) throw new Error('no SMTP server configured: pass { smtp: { host, port } }');
      const info = await mailer.sendMail(message);
      return { messageId: info.messageId };
    },

    close() {
      mailer?.close();
    },
  };
}

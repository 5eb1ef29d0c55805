// Sending one e-mail: through SMTP with nodemailer when SMTP_URL is set; without it the mail is
// written to the log (the outbox keeps it as `logged`), so the embedded default needs no mail server.
import nodemailer from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'

export interface OutgoingMail {
  /** The outbox row, sent as the X-APT-Outbox-Id header (a receiver can tell a resend from a new mail). */
  id?: number
  to: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  /** `sent` through SMTP, `logged` when there is no SMTP server; throws when the server refuses or is down. */
  send(mail: OutgoingMail): Promise<'sent' | 'logged'>
  close(): void
}

export function createMailer(options: { smtpUrl?: string; from: string; log: FastifyBaseLogger }): Mailer {
  const { smtpUrl, from, log } = options
  if (!smtpUrl)
    return {
      async send(mail) {
        log.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          `e-mail (no SMTP_URL, logged only) to ${mail.to}: ${mail.subject}`,
        )
        return 'logged'
      },
      close() {},
    }
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // Short waits: a mail server that is down makes the row wait for its retry, never a request.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.id === undefined ? {} : { 'X-APT-Outbox-Id': String(mail.id) },
      })
      return 'sent'
    },
    close() {
      transport.close()
    },
  }
}

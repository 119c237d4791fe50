/** Sends an email. Production wires SES here; locally the message is printed. */
export interface EmailSender {
  send(message: { to: string; subject: string; body: string }): Promise<void>;
}

export const consoleEmailSender: EmailSender = {
  async send({ to, subject }) {
    console.log(`Email to ${to}: ${subject}`);
  },
};

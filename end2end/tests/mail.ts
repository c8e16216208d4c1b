// The e-mails the test command's SMTP server wrote to its Maildir.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from './fixtures';

export const maildir = process.env.SCHALTER_TEST_MAILDIR;

/** The messages delivered to `to` (raw, quoted-printable undone). */
export function mailsTo(to: string): string[] {
  const dir = join(maildir ?? '', 'new');
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .map((m) => m.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((m) => m.includes(to));
}

/** Waits for the e-mail to `to` that holds a link to `page` (`konto/bestaetigen`,
 * `amt/zugang`) with a token, and returns the link's path. */
export async function linkFromMail(to: string, page: string): Promise<string> {
  let link = '';
  await expect
    .poll(() => {
      for (const m of mailsTo(to)) {
        const found = m.match(new RegExp(`https?://[^/\\s]+(/[a-z]{2}/${page}#token=[A-Za-z0-9_-]+)`));
        if (found) link = found[1];
      }
      return link;
    }, { timeout: 15_000 })
    .not.toBe('');
  return link;
}

// Staff for the browser tests: made with the `schalter` command line on the suite's database,
// signing in with the code an authenticator app would show.
import { type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { expect } from './fixtures';

function base32(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((b) => parseInt(b, 2)));
}

/** The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30 s, 6 digits). */
export function totp(secret: string): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return ((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

export function schalter(args: string[], env: Record<string, string> = {}): string {
  const db = process.env.SCHALTER_E2E_DATABASE_URL ?? '';
  const bin = process.env.SCHALTER_BIN ?? '../target/release/schalter';
  return execFileSync(bin, [...args, '--database-url', db], { env: { ...process.env, ...env } }).toString();
}

/** A new clerk (or `role`) of `authority` signed in on `page` (password and second factor). */
export async function signInClerk(page: Page, authority: string, name = 'Paula Payment', role = 'clerk') {
  const email = `clerk.${Date.now()}.${Math.floor(Math.random() * 1e6)}@staff.example`;
  const password = 'ein langes Dienstpasswort';
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  schalter(['staff', 'create', '--name', name, '--email', email, '--authority', authority, '--role', role]);
  schalter(['staff', 'password', '--email', email], { SCHALTER_STAFF_PASSWORD: password });
  schalter(['staff', 'totp', '--email', email], { SCHALTER_STAFF_TOTP_SECRET: secret });
  await page.goto('/de/amt/anmelden');
  await page.getByLabel('Dienstliche E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByLabel('Passwort').press('Tab');
  await page.keyboard.type(totp(secret));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingang');
}

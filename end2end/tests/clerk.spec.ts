// Clerk mode in the browser: a citizen applies without an account; a clerk of the responsible
// authority (made with `schalter staff create|password|totp`, signing in with the code of an
// authenticator app computed here) finds the case in the inbox and works it with the keyboard
// alone: takes it, asks the citizen a question; the citizen answers on the receipt's status
// page with a file; the clerk notes something internal and completes the case with a decision
// document; the citizen sees the final status and the document. axe on every staff page and
// state, screenshots at 1280 px and 360 px.
import { type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { checkBothWidths, fillDog, startDogForm } from './application';

const PASSWORD = 'ein langes Dienstpasswort';
// A fixed second-factor secret for this test's clerk (base32, 160 bits).
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function base32(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((b) => parseInt(b, 2)));
}

/** The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30 s, 6 digits). */
function totp(secret: string): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return ((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

function schalter(args: string[], env: Record<string, string> = {}): string {
  const db = process.env.SCHALTER_E2E_DATABASE_URL ?? '';
  const bin = process.env.SCHALTER_BIN ?? '../target/release/schalter';
  return execFileSync(bin, [...args, '--database-url', db], { env: { ...process.env, ...env } }).toString();
}

/** Types into the focused control and leaves it with Tab, as a keyboard user does. */
async function typeAndTab(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

test.describe('clerk mode', () => {
  test('a citizen applies, the clerk asks, the citizen answers with a file, the clerk completes with a decision', async ({ page, browser }) => {
    test.slow();
    // The citizen applies without an account.
    await startDogForm(page);
    const family = `Zeller${Date.now() % 100000}`;
    await page.getByLabel('Vorname').fill('Zora');
    await page.getByLabel('Nachname').fill(family);
    await page.getByLabel('Geburtsdatum').fill('1985-06-01');
    await page.getByLabel('Strasse').fill('Markt');
    await page.getByLabel('Hausnummer').fill('2');
    await page.getByLabel('Postleitzahl').fill('04626');
    await page.getByLabel('Ort', { exact: false }).fill('Schmölln');
    await page.getByLabel('E-Mail-Adresse').fill('zora@example.de');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await fillDog(page, 1, { name: 'Bello', sex: 'Rüde', kind: 'Haushund', tag: 'Per Post zusenden' });
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await page.evaluate((r) => localStorage.getItem(`schalter.eingang.${r}`), reference);
    const authority = JSON.parse(stored ?? '{}').receipt.authority.id as string;

    // A clerk of that authority: password and second factor.
    const email = `clara.${Date.now()}@schmoelln.example`;
    schalter(['staff', 'create', '--name', 'Clara Clerk', '--email', email, '--authority', authority]);
    schalter(['staff', 'password', '--email', email], { SCHALTER_STAFF_PASSWORD: PASSWORD });
    expect(schalter(['staff', 'totp', '--email', email], { SCHALTER_STAFF_TOTP_SECRET: SECRET })).toContain('otpauth://totp/');

    const clerkContext = await browser.newContext();
    const clerk = await clerkContext.newPage();
    const clerkErrors: string[] = [];
    clerk.on('console', (m) => { if (m.type() === 'error') clerkErrors.push(m.text()); });
    clerk.on('pageerror', (e) => clerkErrors.push(String(e)));
    // Not signed in: asked to.
    await clerk.goto('/de/amt');
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('Sachbearbeitung');
    await expectNoAxeViolations(clerk, 'clerk mode, not signed in');
    await clerk.getByRole('link', { name: 'Anmeldung für Mitarbeitende' }).click();
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('Anmeldung für Mitarbeitende');
    // A wrong code: the error summary, the address kept.
    await clerk.getByLabel('Dienstliche E-Mail-Adresse').focus();
    await typeAndTab(clerk, email);
    await typeAndTab(clerk, PASSWORD);
    await clerk.keyboard.type('000000');
    await clerk.keyboard.press('Enter');
    const summary = clerk.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(summary).toBeFocused();
    await expect(clerk.getByLabel('Dienstliche E-Mail-Adresse')).toHaveValue(email);
    await checkBothWidths(clerk, 'clerk-sign-in-error');
    // With the keyboard alone from here on.
    await clerk.getByLabel('Passwort').focus();
    await typeAndTab(clerk, PASSWORD);
    await clerk.keyboard.type(totp(SECRET));
    await clerk.keyboard.press('Enter');
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('Eingang');
    await expect(clerk.getByText('Angemeldet als Clara Clerk')).toBeVisible();
    // A clerk is offered no authority settings.
    await expect(clerk.getByRole('link', { name: 'Einstellungen der Behörde' })).toHaveCount(0);

    // The inbox: found by the applicant's name.
    await clerk.getByRole('searchbox', { name: 'Suche' }).focus();
    await clerk.keyboard.type(family.toLowerCase());
    await clerk.keyboard.press('Enter');
    await expect(clerk).toHaveURL(new RegExp(`q=${family.toLowerCase()}`));
    const table = clerk.getByRole('table');
    await expect(table.getByRole('caption')).toHaveText('1 Fall');
    await expect(table).toContainText(`Zora ${family}`);
    await expect(table).toContainText('Eingegangen');
    await checkBothWidths(clerk, 'clerk-inbox');
    await table.getByRole('link', { name: reference }).focus();
    await clerk.keyboard.press('Enter');
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText(`Fall ${reference}`);
    await expect(clerk.getByRole('region', { name: 'Angaben' })).toContainText('Bello');
    await checkBothWidths(clerk, 'clerk-case-received');

    // Take it; ask the citizen (a reason is needed: the error summary says so first).
    await clerk.getByRole('button', { name: 'Fall übernehmen' }).focus();
    await clerk.keyboard.press('Enter');
    await expect(clerk.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await expect(clerk.locator('.case-facts')).toContainText('In Bearbeitung');
    await expect(clerk.locator('.case-facts')).toContainText('Clara Clerk');
    await clerk.getByLabel('Neuer Status').focus();
    await expect(clerk.getByLabel('Neuer Status')).toHaveValue('waiting_for_citizen');
    await clerk.getByRole('button', { name: 'Status ändern' }).focus();
    await clerk.keyboard.press('Enter');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Begründung für die antragstellende Person');
    await checkBothWidths(clerk, 'clerk-case-reason-missing');
    await clerk.getByLabel('Begründung für die antragstellende Person').focus();
    await clerk.keyboard.type('Bitte senden Sie uns den Impfausweis von Bello.');
    await clerk.getByRole('button', { name: 'Status ändern' }).focus();
    await clerk.keyboard.press('Enter');
    await expect(clerk.locator('.case-facts')).toContainText('Rückfrage an Antragsteller/in');
    await expect(clerk.getByRole('region', { name: 'Nachrichten' })).toContainText('Impfausweis von Bello');

    // The citizen reads the question on the status page and answers with a file.
    await page.reload();
    await expect(page.getByText('Rückfrage an Sie').first()).toBeVisible();
    const thread = page.getByRole('region', { name: /^Antrag / });
    await expect(thread).toContainText('Bitte senden Sie uns den Impfausweis von Bello.');
    await expectNoAxeViolations(page, 'status page with a question');
    await thread.getByLabel('Ihre Antwort').fill('Hier ist der Impfausweis.');
    await thread.getByLabel('Dateien anhängen (freiwillig)').setInputFiles({ name: 'impfausweis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await thread.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(thread.getByRole('status')).toHaveText('Ihre Antwort wurde gesendet.');
    await checkBothWidths(page, 'status-page-answered');

    // The answer returned the case to the clerk: in progress, the file there.
    await clerk.reload();
    await expect(clerk.locator('.case-facts')).toContainText('In Bearbeitung');
    const messages = clerk.getByRole('region', { name: 'Nachrichten' });
    await expect(messages).toContainText('Hier ist der Impfausweis.');
    await expect(messages.getByRole('link', { name: 'impfausweis.pdf' })).toBeVisible();
    // An internal note.
    await clerk.getByLabel('Neue Notiz').focus();
    await clerk.keyboard.type('Impfausweis geprüft, gültig bis 2027.');
    await clerk.getByRole('button', { name: 'Notiz speichern' }).focus();
    await clerk.keyboard.press('Enter');
    await expect(clerk.getByRole('region', { name: 'Interne Notizen' })).toContainText('Impfausweis geprüft');
    // Complete with the decision document (the file chooser is the one control set by the test).
    await clerk.getByLabel('Neuer Status').focus();
    await clerk.keyboard.press('ArrowDown');
    await expect(clerk.getByLabel('Neuer Status')).toHaveValue('completed');
    await clerk.getByLabel('Begründung für die antragstellende Person').focus();
    await clerk.keyboard.type('Bello ist angemeldet. Die Steuermarke kommt per Post.');
    await clerk.getByLabel(/^Dokumente für die antragstellende Person/).setInputFiles({ name: 'Bescheid.pdf', mimeType: 'application/pdf', buffer: PDF });
    await clerk.getByRole('button', { name: 'Status ändern' }).focus();
    await clerk.keyboard.press('Enter');
    await expect(clerk.locator('.case-facts')).toContainText('Abgeschlossen');
    await expect(clerk.getByText('Der Fall ist abgeschlossen.')).toBeVisible();
    const audit = clerk.getByRole('region', { name: 'Protokoll' });
    await expect(audit).toContainText('Status geändert');
    await expect(audit).toContainText('Notiz');
    await expect(audit).toContainText('angesehen');
    await checkBothWidths(clerk, 'clerk-case-completed');

    // The citizen sees the final status and the decision document.
    await page.reload();
    await expect(page.getByText('Abgeschlossen').first()).toBeVisible();
    await expect(thread).toContainText('Bello ist angemeldet. Die Steuermarke kommt per Post.');
    await expect(thread.getByRole('button', { name: 'Bescheid.pdf' })).toBeVisible();
    const download = page.waitForEvent('download');
    await thread.getByRole('button', { name: 'Bescheid.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('Bescheid.pdf');
    // Internal notes never reach the citizen.
    await expect(page.getByText('Impfausweis geprüft')).toHaveCount(0);

    // The completed case in the inbox; signing out.
    await clerk.getByRole('link', { name: 'Zurück zum Eingang' }).click();
    await clerk.getByRole('link', { name: /^Abgeschlossen/ }).click();
    await expect(clerk.getByRole('table')).toContainText(reference);
    await clerk.getByRole('button', { name: 'Abmelden' }).click();
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('Anmeldung für Mitarbeitende');
    await clerkContext.close();
    // The one refusal the clerk's browser saw: the wrong code.
    expect(clerkErrors.filter((e) => !/the server responded with a status of 401 /.test(e))).toEqual([]);
  });

  test('an authority admin sets how long closed cases are kept', async ({ page }) => {
    const email = `anton.${Date.now()}@schmoelln.example`;
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    schalter(['staff', 'create', '--name', 'Anton Admin', '--email', email, '--authority', 'de:16077043', '--role', 'authority-admin']);
    schalter(['staff', 'password', '--email', email], { SCHALTER_STAFF_PASSWORD: PASSWORD });
    schalter(['staff', 'totp', '--email', email], { SCHALTER_STAFF_TOTP_SECRET: secret });
    await page.goto('/de/amt/anmelden');
    await page.getByLabel('Dienstliche E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByLabel('Code aus der Authenticator-App').fill(totp(secret));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingang');
    await page.getByRole('link', { name: 'Einstellungen der Behörde' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einstellungen der Behörde');
    await expect(page.getByText('Leer lassen: Vorgabe des Portals (365 Tage)')).toBeVisible();
    // Out of range: the error summary; the typed values stay.
    await page.getByLabel('Abgeschlossene Fälle vollständig aufbewahren (Tage)').fill('0');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(summary).toBeFocused();
    await expect(page.getByLabel('Abgeschlossene Fälle vollständig aufbewahren (Tage)')).toHaveValue('0');
    await checkBothWidths(page, 'clerk-settings-error');
    await page.getByLabel('Abgeschlossene Fälle vollständig aufbewahren (Tage)').fill('3650');
    await page.getByLabel('Vollständig löschen').check();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    // As stored: the page shows it again after a reload.
    await page.reload();
    await expect(page.getByLabel('Abgeschlossene Fälle vollständig aufbewahren (Tage)')).toHaveValue('3650');
    await expect(page.getByLabel('Vollständig löschen')).toBeChecked();
    await checkBothWidths(page, 'clerk-settings');
  });
});

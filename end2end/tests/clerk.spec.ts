// Clerk mode in the browser: a citizen applies without an account; a clerk of the responsible
// authority (made with `schalter staff create|password|totp`, signing in with the code of an
// authenticator app computed here) finds the case in the inbox and works it with the keyboard
// alone: takes it, asks the citizen a question; the citizen answers on the receipt's status
// page with a file; the clerk notes something internal and completes the case with a decision
// document; the citizen sees the final status and the document. axe on every staff page and
// state, screenshots at 1280 px and 360 px.
import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { checkBothWidths, fillDate, fillDog, startDogForm } from './application';
import { schalter, signInClerk, totp } from './staff';
import { linkFromMail, maildir } from './mail';

const PASSWORD = 'ein langes Dienstpasswort';
// A fixed second-factor secret for this test's clerk (base32, 160 bits).
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

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
    await fillDate(page, 'Geburtsdatum', '1985-06-01');
    await page.getByLabel('Straße').fill('Markt');
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
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
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

  test('an authority admin manages the team, switches a service off and keeps the opening hours', async ({ page, browser, consoleErrors }) => {
    test.slow();
    const stamp = Date.now();
    const email = `ada.${stamp}@schmoelln.example`;
    const secret = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
    schalter(['staff', 'create', '--name', 'Ada Admin', '--email', email, '--authority', 'de:16077043', '--role', 'authority-admin']);
    schalter(['staff', 'password', '--email', email], { SCHALTER_STAFF_PASSWORD: PASSWORD });
    schalter(['staff', 'totp', '--email', email], { SCHALTER_STAFF_TOTP_SECRET: secret });
    await page.goto('/de/amt/anmelden');
    await page.getByLabel('Dienstliche E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByLabel('Code aus der Authenticator-App').fill(totp(secret));
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingang');

    // The team: adding with a bad address shows the summary and keeps the name.
    await page.getByRole('link', { name: 'Mitarbeitende' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mitarbeitende');
    const table = page.getByRole('table');
    await expect(table).toContainText('Ada Admin (Sie)');
    await page.getByRole('textbox', { name: 'Name (Pflichtangabe)' }).fill('Nina Neu');
    await page.getByLabel('Dienstliche E-Mail-Adresse').fill('nina@');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(summary).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Name (Pflichtangabe)' })).toHaveValue('Nina Neu');
    await expectNoAxeViolations(page, 'team, add error');
    await page.getByLabel('Dienstliche E-Mail-Adresse').fill(`nina.${stamp}@schmoelln.example`);
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nina Neu wurde hinzugefügt.' })).toBeVisible();
    const nina = table.getByRole('row').filter({ hasText: 'Nina Neu' });
    // Invited (the box is ticked unless unticked): she sets up her own sign-in.
    await expect(nina).toContainText('Eingeladen (Link gültig bis');
    // Her role, with the keyboard: the select, then its save button.
    await page.getByLabel('Rolle: Nina Neu').selectOption({ label: 'Administration' });
    await page.getByLabel('Rolle: Nina Neu').press('Tab');
    await expect(page.getByRole('button', { name: 'Rolle von Nina Neu speichern' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Die Rolle von Nina Neu wurde gespeichert.' })).toBeVisible();
    await checkBothWidths(page, 'clerk-team');
    if (maildir || process.env.SCHALTER_TEST_REQUIRE_SMTP) {
      // Nina, in her own browser and with the keyboard alone, follows the e-mail's link: her
      // password, the app by its key, a current code; she is signed in to clerk mode.
      const ninaEmail = `nina.${stamp}@schmoelln.example`;
      const link = await linkFromMail(ninaEmail, 'amt/zugang');
      const context = await browser.newContext();
      const own = await context.newPage();
      await own.goto(link);
      await expect(own.getByRole('heading', { level: 1 })).toHaveText('Zugang zur Sachbearbeitung einrichten');
      await expect(own.getByText(ninaEmail)).toBeVisible();
      await expect(own.getByRole('img', { name: 'QR-Code für die Authenticator-App', exact: false })).toBeVisible();
      const key = (await own.locator('.slip-data dd').innerText()).replace(/\s/g, '');
      expect(key).toMatch(/^[A-Z2-7]{32}$/);
      await own.getByRole('button', { name: 'Zugang einrichten und anmelden' }).click();
      const ownSummary = own.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
      await expect(ownSummary).toBeFocused();
      await expect(ownSummary).toContainText('Neues Passwort');
      await expect(ownSummary).toContainText('Code aus der Authenticator-App');
      await checkBothWidths(own, 'clerk-setup-errors');
      await own.keyboard.press('Tab');
      await own.keyboard.press('Enter');
      await expect(own.getByLabel('Neues Passwort')).toBeFocused();
      await own.keyboard.type('Ninas eigenes Dienstpasswort');
      await own.getByLabel('Code aus der Authenticator-App').focus();
      await own.keyboard.type(totp(key));
      await own.keyboard.press('Enter');
      await expect(own.getByRole('heading', { level: 1 })).toHaveText('Eingang');
      await expect(own.getByText('Angemeldet als Nina Neu', { exact: false })).toBeVisible();
      // The link worked once.
      await own.goto(link);
      await expect(own.getByRole('alert')).toContainText('Dieser Link gilt nicht (mehr)');
      await expectNoAxeViolations(own, 'staff setup, link used');
      await context.close();
      await page.reload();
      await expect(nina).toContainText('Passwort und Authenticator-App');
      await expect(page.getByRole('button', { name: 'Einladung an Nina Neu senden' })).toHaveCount(0);
    }
    await page.getByRole('button', { name: 'Nina Neu entfernen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nina Neu wurde entfernt.' })).toBeVisible();
    await expect(table).not.toContainText('Nina Neu');

    // Services: one without an online form, switched off, is not offered on its page; on again.
    await page.getByRole('link', { name: 'Leistungen und Kontakt' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leistungen und Kontakt');
    const list = await (await page.request.get('/api/v1/authorities/de:16077043/services?lang=de')).json();
    const service = list.services.find((s: { online: boolean }) => !s.online);
    expect(service, 'Schmölln is responsible for a service without a form').toBeTruthy();
    await page.getByRole('searchbox', { name: 'Leistungen filtern' }).fill(service.title);
    const box = page.getByRole('checkbox', { name: service.title, exact: true });
    await expect(box).toBeChecked();
    await box.uncheck();
    await expect(page.getByRole('status').filter({ hasText: `${service.title} ist ausgeschaltet.` })).toBeVisible();
    const servicePage = await page.context().newPage();
    await servicePage.goto(`/de/leistung/${service.id}?gemeinde=de:16077043`);
    await expect(servicePage.getByText('Diese Leistung wird in Schmölln (TH) nicht angeboten.', { exact: false })).toBeVisible();
    await box.check();
    await expect(page.getByRole('status').filter({ hasText: `${service.title} wird angeboten.` })).toBeVisible();

    // Opening hours: a wrong website is named in the summary; saved, the service page shows them.
    await page.getByRole('textbox', { name: 'Website', exact: true }).fill('www.schmoelln.de');
    await page.getByRole('textbox', { name: 'Deutsch', exact: true }).fill('Mo–Fr 8–12 Uhr, Do 14–18 Uhr');
    await page.getByRole('button', { name: 'Kontakt speichern' }).click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('https://');
    await expect(page.getByRole('textbox', { name: 'Deutsch', exact: true })).toHaveValue('Mo–Fr 8–12 Uhr, Do 14–18 Uhr');
    await expectNoAxeViolations(page, 'services and contact, error');
    await page.getByRole('textbox', { name: 'Website', exact: true }).fill('https://www.schmoelln.de');
    await page.getByRole('button', { name: 'Kontakt speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await checkBothWidths(page, 'clerk-services');
    await servicePage.reload();
    await expect(servicePage.getByText('Mo–Fr 8–12 Uhr, Do 14–18 Uhr')).toBeVisible();
    await servicePage.close();
    // The one refusal: the website the server checked.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    consoleErrors.splice(0);
  });

  test('an authority admin adapts the Land\'s form: hides a field, relabels one in every language, previews and publishes', async ({ page, consoleErrors }) => {
    test.slow();
    const email = `fiona.${Date.now()}@schmoelln.example`;
    const secret = 'KRUGS4ZANFZSAYJANVQWO2LDEBZWK4TT';
    schalter(['staff', 'create', '--name', 'Fiona Formular', '--email', email, '--authority', 'de:16077043', '--role', 'authority-admin']);
    schalter(['staff', 'password', '--email', email], { SCHALTER_STAFF_PASSWORD: PASSWORD });
    schalter(['staff', 'totp', '--email', email], { SCHALTER_STAFF_TOTP_SECRET: secret });
    await page.goto('/de/amt/anmelden');
    await page.getByLabel('Dienstliche E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByLabel('Code aus der Authenticator-App').fill(totp(secret));
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingang');
    await page.getByRole('link', { name: 'Formulare', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formulare');
    // The dog form has Schmölln's adaptation, written for an older template.
    await expect(page.getByText('Die Vorlage ist jetzt Fassung 4')).toBeVisible();
    await checkBothWidths(page, 'clerk-forms');
    await page.getByRole('link', { name: 'Kind für die Kindertagesbetreuung anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kind für die Kindertagesbetreuung anmelden');

    await page.getByRole('checkbox', { name: 'Ausblenden: Geschlecht (freiwillig)' }).check();
    await page.getByText('Texte anpassen: Wunscheinrichtungen (freiwillig)').click();
    await page.getByLabel('Eigene Beschriftung (Deutsch) – Wunscheinrichtungen (freiwillig)').fill('Wunsch-Kita (freiwillig)');
    // German only: the form has four languages, so it cannot be published like this.
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    const refusal = page.locator('#overlay-failed');
    await expect(refusal).toBeFocused();
    await expect(refusal).toContainText('So kann das Formular nicht veröffentlicht werden');
    await expect(refusal).toContainText('no fr text');
    await expectNoAxeViolations(page, 'overlay refused');
    await page.getByLabel('Eigene Beschriftung (Französisch) – Wunscheinrichtungen (freiwillig)').fill('Crèche souhaitée (facultatif)');
    await page.getByLabel('Eigene Beschriftung (Italienisch) – Wunscheinrichtungen (freiwillig)').fill('Asilo desiderato (facoltativo)');
    await page.getByLabel('Eigene Beschriftung (Englisch) – Wunscheinrichtungen (freiwillig)').fill('Preferred day care (optional)');
    await page.getByRole('button', { name: 'Vorschau zeigen' }).click();
    const preview = page.getByRole('region', { name: 'Vorschau: so sehen es die Antragstellenden' });
    await expect(preview).toContainText('Wunsch-Kita (freiwillig)');
    await expect(preview).not.toContainText('Geschlecht (freiwillig)');
    await checkBothWidths(page, 'clerk-overlay-preview');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fassung 1 ist veröffentlicht' })).toBeVisible();

    // Applicants in Schmölln get it at once.
    await page.goto('/de/antrag/kita-anmeldung-th?gemeinde=de:16077043');
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihr Kind');
    await expect(page.getByText('Geschlecht (freiwillig)')).toHaveCount(0);
    // The one refusal: the German-only text.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    consoleErrors.splice(0);
  });

  test('an authority admin gives the building permit its own fees and an extra question', async ({ page, request }) => {
    test.slow();
    await signInClerk(page, 'ch:4001', 'Bea Bauamt', 'authority-admin');
    await page.goto('/de/amt/formulare/baugesuch-ag?behoerde=ch:4001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Baugesuch einreichen');
    // Aarau has its own fee table already: the amounts in force, to change.
    await expect(page.getByRole('checkbox', { name: 'Eigene Gebührentabelle verwenden' })).toBeChecked();
    const publication = page.getByRole('textbox', { name: 'Publikation (Pauschale)' });
    await expect(publication).toHaveValue('150.00');
    await publication.fill('zweihundert');
    await expect(publication).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Vorschau zeigen' }).click();
    await expect(publication).toBeFocused();
    await expect(page.locator('#overlay-failed')).toContainText('Geben Sie einen Betrag wie 20.00 ein.');
    await expectNoAxeViolations(page, 'overlay with a wrong amount');
    await publication.fill('180.00');
    await expect(publication).not.toHaveAttribute('aria-invalid', 'true');

    // An extra question: refused until it is given in every language of the form.
    const extra = page.getByRole('region', { name: 'Zusätzliche Fragen' });
    await expect(extra).toContainText('Baugespann gestellt am');
    await extra.getByLabel('Schritt').selectOption({ label: 'Grundstück' });
    await extra.getByLabel('Art der Antwort').selectOption({ label: 'Ja oder Nein' });
    await extra.getByLabel('Frage (Deutsch)').fill('Liegt das Grundstück in einer Gefahrenzone?');
    await extra.getByRole('button', { name: 'Frage hinzufügen' }).click();
    await expect(page.locator('#extra-missing')).toBeFocused();
    await extra.getByLabel('Frage (Französisch)').fill('Le bien-fonds est-il situé dans une zone de danger ?');
    await extra.getByLabel('Frage (Italienisch)').fill('Il fondo si trova in una zona di pericolo?');
    await extra.getByLabel('Frage (Englisch)').fill('Is the plot in a hazard zone?');
    await extra.getByRole('checkbox', { name: 'Pflichtangabe', exact: true }).check();
    await extra.getByRole('button', { name: 'Frage hinzufügen' }).click();
    await expect(extra.getByRole('listitem').filter({ hasText: 'Liegt das Grundstück in einer Gefahrenzone? (Grundstück)' })).toBeVisible();
    await expect(extra.getByLabel('Frage (Deutsch)')).toHaveValue('');

    // The two sections on their own, for people to look at.
    await page.getByRole('group', { name: 'Gebühren' }).screenshot({ path: 'screenshots/clerk-overlay-fees-section.png' });
    await extra.screenshot({ path: 'screenshots/clerk-overlay-extra-questions-section.png' });
    await page.getByRole('button', { name: 'Vorschau zeigen' }).click();
    const preview = page.getByRole('region', { name: 'Vorschau: so sehen es die Antragstellenden' });
    await expect(preview).toContainText('Liegt das Grundstück in einer Gefahrenzone? (Pflicht)');
    await checkBothWidths(page, 'clerk-overlay-fees-and-question');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    // Aarau's r2 (the fee by the building costs) is published with the catalogue: this is r3.
    await expect(page.getByRole('status').filter({ hasText: 'Fassung 3 ist veröffentlicht' })).toBeVisible();

    // Applicants in Aarau get both at once.
    const form = await (await request.get('/api/v1/forms/baugesuch-ag?municipality=ch:4001')).json();
    const publicationRule = form.form.fees.rules.find((r: { id: string }) => r.id === 'publication');
    expect(publicationRule.amount).toBe(18000);
    const plot = form.form.steps.find((s: { id: string }) => s.id === 'grundstueck');
    const added = plot.fields.find((f: { label: { de: string } }) => f.label.de === 'Liegt das Grundstück in einer Gefahrenzone?');
    expect(added).toMatchObject({ type: 'yes_no', required: true });
    expect(added.label.en).toBe('Is the plot in a hazard zone?');
  });

  test('a portal administrator who works at no authority is told why the inbox is empty', async ({ page }) => {
    await signInClerk(page, '*', 'Paula Portal', 'portal-admin');
    await expect(page.getByText('Sie sind Portal-Administratorin oder -Administrator und arbeiten bei keiner Stelle', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page, 'portal administrator, empty inbox');
  });

  test('a clerk signs in with the organisation\'s account', async ({ page, consoleErrors }) => {
    test.skip(!process.env.SCHALTER_TEST_OIDC_ISSUER, 'needs the OpenID provider of the test command');
    schalter(['staff', 'create', '--name', 'Anna Muster', '--email', 'anna@example.ch', '--authority', 'de:16077043']);
    await page.goto('/de/amt/anmelden');
    await expect(page.getByRole('heading', { name: 'Mit dem Konto Ihrer Organisation' })).toBeVisible();
    await expectNoAxeViolations(page, 'staff sign-in with the organisation');
    await checkBothWidths(page, 'clerk-sign-in-organisation');
    await page.getByRole('button', { name: 'Anmelden mit AGOV' }).click();
    await page.waitForURL((url) => url.origin === process.env.SCHALTER_TEST_OIDC_ISSUER);
    await page.getByLabel('Benutzername').fill('anna');
    await page.getByLabel('Passwort').fill('test');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page).toHaveURL(/\/de\/amt$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingang');
    await expect(page.getByText('Angemeldet als Anna Muster', { exact: false })).toBeVisible();
    // The provider's own pages have no favicon (its 404 is the one error the browser saw).
    const rest = consoleErrors.filter((e) => !/status of 404 /.test(e));
    expect(consoleErrors.length - rest.length).toBeLessThanOrEqual(1);
    consoleErrors.splice(0, consoleErrors.length, ...rest);
  });
});

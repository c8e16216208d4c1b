// The Bürgerkonto in the browser: registering with the verification e-mail read from the SMTP
// server the tests start, signing in, a draft continued in a second browser, a conflicting edit
// resolved, submitting, a message from the authority (written through the API with a staff
// token made by `schalter staff token`, the service the clerk will use) and a reply with a file;
// and the warning before the idle timeout with "stay signed in" in two tabs.
import { type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { FORM_START, checkBothWidths, fillDate, fillDog } from './application';
import { linkFromMail, maildir, mailsTo } from './mail';

const required = !!process.env.SCHALTER_TEST_REQUIRE_SMTP;
const PASSWORD = 'ein langes Passwort 2026';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function register(page: Page, email: string) {
  await page.goto('/de/');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
  await expectNoAxeViolations(page, 'sign-in page');
  await page.getByRole('link', { name: 'Konto erstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto erstellen');
  // Nothing filled in: the error summary names every question, nothing is sent.
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Vorname');
  await expect(summary).toContainText('Passwort');
  await checkBothWidths(page, 'account-register-errors');
  await page.getByLabel('Vorname').fill('Anna');
  await page.getByLabel('Nachname').fill('Muster');
  await page.getByLabel('Strasse').fill('Markt');
  await page.getByLabel('Hausnummer').fill('1');
  await page.getByLabel('Postleitzahl').fill('04626');
  await page.getByRole('textbox', { name: /^Ort/ }).fill('Schmölln');
  await page.getByLabel('Land').selectOption('DE');
  await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).fill(email);
  await page.getByRole('textbox', { name: /^Passwort/ }).fill('zu kurz');
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await expect(summary).toContainText('Passwort');
  // What was typed stays.
  await expect(page.getByLabel('Vorname')).toHaveValue('Anna');
  await page.getByRole('textbox', { name: /^Passwort/ }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bitte prüfen Sie Ihre E-Mails');

  // The link from the e-mail confirms the address.
  await page.goto(await linkFromMail(email, 'konto/bestaetigen'));
  await expect(page.getByRole('status')).toHaveText('Ihre E-Mail-Adresse ist bestätigt.');
  await expectNoAxeViolations(page, 'address confirmed');
}

async function signIn(page: Page, email: string, back?: string) {
  await page.goto(back ? `/de/konto/anmelden?zurueck=${encodeURIComponent(back)}` : '/de/konto/anmelden');
  await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).fill(email);
  await page.getByRole('textbox', { name: /^Passwort/ }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Konto' })).toBeVisible();
}

/** Waits for the draft to be saved to the account (and returns the revision). */
async function savedToAccount(page: Page, action: () => Promise<void>) {
  const put = page.waitForResponse((r) => r.url().includes('/api/v1/account/drafts/') && r.request().method() === 'PUT');
  await action();
  return put;
}

async function newSignedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await signIn(page, email);
  return page;
}

/** The answers the app expects and handles (a used link: 400; a draft not in the account yet: 404; another
 * device saved first: 409; a session that ended: 401) are logged by the browser as failed
 * loads; anything else still fails the test. */
function expectedRefusalsOnly(errors: string[]) {
  const rest = errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|401|404|409) /.test(e));
  errors.splice(0, errors.length, ...rest);
}

test.describe('Bürgerkonto', () => {
  test.skip(!maildir && !required, 'needs the SMTP server of the test command (SCHALTER_TEST_MAILDIR)');

  test('register, confirm, sign in, a draft on two devices with a conflict, submit, a message and a reply with a file', async ({ page, browser, request, consoleErrors }) => {
    test.slow();
    const email = `anna.${Date.now()}@example.de`;
    await register(page, email);

    // A wrong password: said without telling whether the address exists; the address stays.
    await page.goto('/de/konto/anmelden');
    await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).fill(email);
    await page.getByRole('textbox', { name: /^Passwort/ }).fill('falsches Passwort 1');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(refused).toBeFocused();
    await expect(page.getByRole('textbox', { name: /^E-Mail-Adresse/ })).toHaveValue(email);
    await expect(page.getByRole('textbox', { name: /^Passwort/ })).toHaveValue('');
    await checkBothWidths(page, 'account-sign-in-refused');

    await signIn(page, email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Konto');
    await expect(page.getByText(`Angemeldet als Anna Muster (${email})`)).toBeVisible();
    await checkBothWidths(page, 'account-home');

    // An organisation to apply for.
    await page.getByRole('link', { name: 'Organisationen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisationen');
    await page.getByRole('textbox', { name: /^Name der Organisation/ }).fill('Muster Hundezucht GmbH');
    await page.getByRole('textbox', { name: /^UID oder Handelsregisternummer/ }).fill('CHE-109.322.552');
    await page.getByRole('button', { name: 'Organisation anlegen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' })).toContainText('UID oder Handelsregisternummer');
    await page.getByRole('textbox', { name: /^UID oder Handelsregisternummer/ }).fill('CHE-109.322.551');
    await page.getByRole('button', { name: 'Organisation anlegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Organisation wurde angelegt.' })).toBeVisible();
    const org = page.getByRole('region', { name: 'Muster Hundezucht GmbH' });
    await expect(org).toContainText('Anna Muster · Verwaltung');
    await checkBothWidths(page, 'account-organisations');

    // Device 1 starts the dog form for the organisation, filled in from the profile; every
    // change goes to the account too.
    await page.goto(FORM_START);
    await page.getByRole('radio', { name: 'Für Muster Hundezucht GmbH' }).check();
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
    await expect(page.getByLabel('Vorname')).toHaveValue('Anna');
    await expect(page.getByLabel('Nachname')).toHaveValue('Muster');
    await expect(page.getByText('Aus Ihrem Konto übernommen: Vorname, Nachname, E-Mail-Adresse.')).toBeVisible();
    await expect(page.getByText('Ihre Angaben werden auf diesem Gerät und in Ihrem Konto gespeichert.')).toBeVisible();
    await (await savedToAccount(page, () => page.getByLabel('Vorname').fill('Anne'))).finished();

    // Device 2 (another browser) finds it in Mein Konto and continues it.
    const other = await newSignedInPage(browser, email);
    await other.goto('/de/konto');
    const drafts = other.getByRole('region', { name: 'Angefangene Anträge' });
    await drafts.getByRole('button', { name: 'Weiter ausfüllen: Hund anmelden (Hundesteuer)' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
    await expect(other.getByLabel('Vorname')).toHaveValue('Anne');
    const saved = await savedToAccount(other, () => other.getByLabel('Vorname').fill('Beat'));
    expect(saved.status()).toBe(200);

    // Device 1, not knowing, changes another answer: the account refuses to overwrite, and
    // the citizen sees what differs and chooses.
    await page.getByLabel('Nachname').fill('Musterfrau');
    const conflict = page.getByRole('region', { name: 'Dieser Antrag wurde auf einem anderen Gerät geändert' });
    await expect(conflict).toBeVisible();
    const row = conflict.getByRole('row', { name: /Vorname/ });
    await expect(row).toContainText('Anne');
    await expect(row).toContainText('Beat');
    await expect(conflict.getByRole('row', { name: /Nachname/ })).toContainText('Musterfrau');
    await checkBothWidths(page, 'account-draft-conflict');
    await conflict.getByRole('button', { name: 'Angaben vom anderen Gerät übernehmen' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(page.getByLabel('Vorname')).toHaveValue('Beat');
    await expect(page.getByLabel('Nachname')).toHaveValue('Muster');

    // On to submitting from device 1.
    await page.getByLabel('Nachname').fill('Muster');
    await fillDate(page, 'Geburtsdatum', '1980-04-12');
    await page.getByLabel('Straße').fill('Markt');
    await page.getByLabel('Hausnummer').fill('1');
    await page.getByLabel('Postleitzahl').fill('04626');
    await page.getByRole('textbox', { name: /^Ort/ }).fill('Schmölln');
    await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).fill(email);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: 'Haushund', tag: 'Per Post zusenden' });
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await expect(page.getByText('Für Muster Hundezucht GmbH')).toBeVisible();
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const reference = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The application is in the account (seen from device 2), the draft no longer.
    await other.goto('/de/konto');
    const applications = other.getByRole('region', { name: 'Meine Anträge' });
    await expect(applications.getByRole('listitem')).toHaveCount(1);
    await expect(applications).toContainText('Hund anmelden');
    await expect(applications).toContainText('Eingegangen');
    await expect(other.getByRole('region', { name: 'Angefangene Anträge' })).toContainText('keine angefangenen Anträge');
    // And the organisation's.
    await other.goto('/de/konto/organisationen');
    await expect(other.getByRole('region', { name: 'Muster Hundezucht GmbH' })).toContainText(reference);

    // The authority writes (a staff member of the receiving authority, through the API).
    const receipts = await (await other.request.get('/api/v1/account/applications')).json();
    const authority = receipts[0].authority.id as string;
    const db = process.env.SCHALTER_E2E_DATABASE_URL ?? '';
    const bin = process.env.SCHALTER_BIN ?? '../target/release/schalter';
    const staff = `clerk.${Date.now()}@schmoelln.example`;
    execFileSync(bin, ['staff', 'create', '--name', 'Sam Sachbearbeiter', '--email', staff, '--authority', authority, '--database-url', db]);
    const token = execFileSync(bin, ['staff', 'token', '--email', staff, '--database-url', db])
      .toString()
      .match(/sst_[A-Za-z0-9_-]+/)?.[0];
    expect(token).toBeTruthy();
    const sent = await request.post(`/api/v1/submissions/${reference}/messages`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { body: 'Bitte senden Sie uns den Impfausweis von Luna.', files: [] },
    });
    expect(sent.status()).toBe(201);
    // The e-mail says only that there is a message.
    await expect.poll(() => mailsTo(email).some((m) => m.includes('/de/konto/postfach'))).toBe(true);
    expect(mailsTo(email).some((m) => m.includes('Impfausweis'))).toBe(false);

    await page.goto('/de/konto');
    await expect(page.getByRole('link', { name: 'Postfach' })).toBeVisible();
    await expect(page.getByText('1 ungelesene Nachricht')).toBeVisible();
    await page.getByRole('link', { name: 'Postfach' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postfach');
    const thread = page.getByRole('region', { name: /^Antrag / });
    await expect(thread).toContainText('Bitte senden Sie uns den Impfausweis von Luna.');
    await thread.getByLabel('Ihre Antwort').fill('Anbei der Impfausweis.');
    await thread.getByLabel('Dateien anhängen (freiwillig)').setInputFiles({ name: 'impfausweis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await thread.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(thread.getByRole('status')).toHaveText('Ihre Antwort wurde gesendet.');
    await expect(thread.getByRole('listitem').filter({ hasText: 'Anbei der Impfausweis.' })).toBeVisible();
    await expect(thread.getByRole('link', { name: 'impfausweis.pdf' })).toBeVisible();
    await checkBothWidths(page, 'account-postfach');

    // The authority reads the reply with the file.
    const thread2 = await (await request.get(`/api/v1/submissions/${reference}/messages`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const reply = thread2.find((m: { direction: string }) => m.direction === 'citizen');
    expect(reply.body).toBe('Anbei der Impfausweis.');
    expect(reply.files[0].name).toBe('impfausweis.pdf');
    expect(reply.files[0].media_type).toBe('application/pdf');

    // Unread no more; signing out on device 2 leaves device 1 signed in.
    await other.goto('/de/konto');
    await expect(other.getByText('Keine ungelesenen Nachrichten')).toBeVisible();
    await other.getByRole('button', { name: 'Abmelden' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
    await page.goto('/de/konto/profil');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Persönliche Angaben');
    await expect(page.getByLabel('Vorname')).toHaveValue('Anna');
    await checkBothWidths(page, 'account-profile');
    await other.context().close();
    expectedRefusalsOnly(consoleErrors);
  });

  test('drafts of this device into the account, a new password by e-mail with the keyboard, export, deleting the account', async ({ page, consoleErrors }) => {
    test.slow();
    const email = `carla.${Date.now()}@example.de`;
    // A draft begun before there was an account.
    await page.goto(FORM_START);
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await page.getByLabel('Vorname').fill('Carla');
    await register(page, email);

    // Forgotten password, keyboard only: a link by e-mail, a new password.
    await page.goto('/de/konto/passwort-vergessen');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passwort vergessen');
    await expectNoAxeViolations(page, 'forgotten password');
    await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bitte prüfen Sie Ihre E-Mails');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.goto(await linkFromMail(email, 'konto/passwort-neu'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort festlegen');
    await page.getByRole('textbox', { name: /^Neues Passwort/ }).focus();
    await page.keyboard.type('ein ganz neues Passwort');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Ihr neues Passwort gilt. Melden Sie sich damit an.')).toBeFocused();
    await expectNoAxeViolations(page, 'new password set');
    // The link works once.
    await page.reload();
    await page.getByRole('textbox', { name: /^Neues Passwort/ }).fill('noch ein anderes Passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Dieser Link gilt nicht mehr.' })).toBeVisible();

    // Signing in with the keyboard: e-mail, Tab, password, Enter.
    await page.goto('/de/konto/anmelden');
    await page.getByRole('textbox', { name: /^E-Mail-Adresse/ }).focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('ein ganz neues Passwort');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Konto');

    // The draft of this device is offered, and taken in.
    const local = page.getByRole('region', { name: 'Anträge auf diesem Gerät' });
    await expect(local).toContainText('Hund anmelden (Hundesteuer)');
    await checkBothWidths(page, 'account-home-local-drafts');
    await local.getByRole('button', { name: 'In mein Konto übernehmen' }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 Antrag wurde in Ihr Konto übernommen.' })).toBeAttached();
    await expect(page.getByRole('region', { name: 'Angefangene Anträge' }).getByRole('listitem')).toHaveCount(1);
    await expect(local).toHaveCount(0);

    // Export: everything as JSON, the draft included.
    await page.getByRole('link', { name: 'Persönliche Angaben' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Persönliche Angaben');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Meine Daten herunterladen' }).click();
    const file = await (await download).path();
    const exported = readFileSync(file, 'utf8');
    expect(exported).toContain(email);
    expect(exported).toContain('Carla');

    // Deleting: the password again; signed out afterwards, and the account is gone.
    await page.getByRole('textbox', { name: /^Passwort/ }).last().fill('ein ganz neues Passwort');
    await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ihr Konto wurde gelöscht.' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' })).toBeVisible();
    const refused = await page.request.post('/api/v1/session', { data: { email, password: 'ein ganz neues Passwort' } });
    expect(refused.status()).toBe(401);
    expectedRefusalsOnly(consoleErrors);
  });

  test('the warning before the idle timeout, and "stay signed in" for every tab', async ({ page, context, consoleErrors }) => {
    test.slow();
    const email = `beat.${Date.now()}@example.de`;
    await register(page, email);
    await signIn(page, email);
    const second = await context.newPage();
    await second.goto('/de/suche');
    // Nothing happens: the warning comes half-way through the test server's short timeout.
    const dialog = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' });
    await expect(dialog).toBeVisible({ timeout: 40_000 });
    await expect(second.getByRole('alertdialog', { name: 'Sind Sie noch da?' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Angemeldet bleiben' })).toBeFocused();
    await expect(dialog).toContainText(/abgemeldet/);
    await expectNoAxeViolations(page, 'timeout warning');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    // The other tab's warning closes too, and the session goes on.
    await expect(second.getByRole('alertdialog')).toHaveCount(0);
    const session = await (await page.request.get('/api/v1/session')).json();
    expect(session.account.email).toBe(email);
    expectedRefusalsOnly(consoleErrors);
  });
});

test.describe('eID step-up in the middle of a form', () => {
  test.skip(!process.env.SCHALTER_TEST_OIDC_ISSUER && !process.env.SCHALTER_TEST_REQUIRE_OIDC, 'needs the OpenID provider of the test command');

  test('an eID that confirms too little is refused, and the sign-in page says why', async ({ page, consoleErrors }) => {
    await page.goto('/de/konto/anmelden');
    await page.getByRole('button', { name: 'Anmelden mit AGOV' }).click();
    await page.waitForURL((url) => url.origin === process.env.SCHALTER_TEST_OIDC_ISSUER);
    // Carla's provider confirms AGOV 100 only; signing in asks for "substantial".
    await page.getByLabel('Benutzername').fill('carla');
    await page.getByLabel('Passwort').fill('test');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page).toHaveURL(/\/de\/konto\/anmelden#eid=level_too_low$/);
    await expect(page.getByRole('alert')).toContainText('Der Anbieter hat Ihre Identität nicht so weit bestätigt');
    const session = await (await page.request.get('/api/v1/session')).json();
    expect(session.account ?? null).toBeNull();
    await expectNoAxeViolations(page, 'eID refused');
    expectedRefusalsOnly(consoleErrors);
  });

  test('a form that needs the eID says why; after the provider, the same step of the same draft with nothing lost', async ({ page, consoleErrors }) => {
    await page.goto('/de/antrag/zivilstandsdokument-ch?gemeinde=ch:4001');
    const stepUp = page.getByRole('region', { name: 'Für diesen Antrag brauchen Sie die E-ID' });
    await expect(stepUp).toContainText('substanziell');
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dokument');
    await page.getByLabel('Verwendungszweck (freiwillig)').fill('Heirat im Ausland');
    await expect(stepUp).toBeVisible();
    await checkBothWidths(page, 'account-step-up');
    const step = page.url();

    await stepUp.getByRole('button', { name: 'Anmelden mit AGOV' }).click();
    // The provider's own sign-in page (another origin).
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(process.env.SCHALTER_TEST_OIDC_ISSUER);
    await page.getByLabel('Benutzername').fill('beat');
    await page.getByLabel('Passwort').fill('test');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

    // Back on the very step, signed in at the level the form needs, the answer still there.
    await expect(page).toHaveURL(step);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dokument');
    await expect(page.getByLabel('Verwendungszweck (freiwillig)')).toHaveValue('Heirat im Ausland');
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Konto' })).toBeVisible();
    await expect(stepUp).toHaveCount(0);
    const session = await (await page.request.get('/api/v1/session')).json();
    expect(session.account.level).toBe('substantial');
    expectedRefusalsOnly(consoleErrors);
  });
});

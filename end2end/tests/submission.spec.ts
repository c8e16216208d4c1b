// Submitting an application for real: uploads (with progress, refusals in the citizen's
// language), the submission itself (exactly once per draft, also after a lost answer, a second
// click or going back), the receipt page (reload, other languages, PDF, axe) and "my
// applications". The dog form of Schmölln has a file question: the assistance dog's certificate.
import { readFileSync } from 'node:fs';
import { type Locator, type Page, type Request } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './fixtures';
import { checkBothWidths, startDogForm, fillHolder, fillDog } from './application';

const ASSISTANCE = 'Blindenführ- oder Assistenzhund (steuerfrei)';
const REFERENCE = /^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/;
const SUBMIT = 'Antrag absenden';

/** A real (tiny) PDF and PNG, and a text file that only claims to be a PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const NOT_A_PDF = Buffer.from('Dies ist kein PDF, sondern nur Text mit einem falschen Namen.');

const isSubmission = (r: Request) => r.url().endsWith('/api/v1/submissions') && r.method() === 'POST';

/** How a screen reader is given the reference: character by character, groups apart. */
const spelled = (reference: string) => reference.split('-').map((g) => g.split('').join(' ')).join(', ');

/** The answer given for a term of a description list. */
const definition = (scope: Page | Locator, term: string) =>
  scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .locator('xpath=following-sibling::dd[1]');

/** Presses Tab until `target` has the focus (keyboard only). */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Holder and one assistance dog answered; the dogs step is open with the certificate question. */
async function upToTheCertificate(page: Page) {
  await startDogForm(page);
  await fillHolder(page);
  await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: ASSISTANCE, tag: 'Per Post zusenden' });
  const proof = page.getByRole('group', { name: 'Hund 1', exact: true }).getByLabel('Nachweis Assistenzhund');
  await expect(proof).toBeVisible();
  return proof;
}

/** From the dogs step (certificate uploaded) to the check page, paying by transfer. */
async function onToTheCheckPage(page: Page) {
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
  await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
  await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
}

/** Uploads one file to the certificate question and waits until it is listed. */
async function upload(page: Page, proof: Locator, name: string, buffer: Buffer, mimeType = 'application/pdf') {
  await proof.setInputFiles({ name, mimeType, buffer });
  await expect(page.getByRole('status').filter({ hasText: `${name} wurde hochgeladen.` })).toHaveCount(1);
  await expect(page.getByRole('button', { name: `Entfernen: ${name}` })).toBeVisible();
}

test.describe('submitting an application', () => {
  test('uploads, submit, receipt (reload, PDF, languages, axe), exactly once, my applications', async ({ page, browser, consoleErrors }) => {
    // The whole journey with axe at two widths in every state: close to the default 30 s.
    test.slow();
    const proof = await upToTheCertificate(page);
    const dog = page.getByRole('group', { name: 'Hund 1', exact: true });

    // A text file named .pdf: the server looks at the content and refuses it, in German.
    await proof.setInputFiles({ name: 'nachweis.pdf', mimeType: 'application/pdf', buffer: NOT_A_PDF });
    const refusal = dog.getByRole('alert').filter({ hasText: 'nachweis.pdf: Dieser Dateityp ist nicht möglich.' });
    await expect(refusal).toBeVisible();
    await expect(proof).toHaveAttribute('aria-invalid', 'true');
    await expect(proof).toHaveAccessibleDescription(/Fehler: nachweis\.pdf: Dieser Dateityp ist nicht möglich\./);
    await expect(dog.getByRole('button', { name: 'Entfernen: nachweis.pdf' })).toHaveCount(0);

    // A real PDF, held back on the way: its progress bar shows, then it is listed.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const uploads = (url: URL) => url.pathname === '/api/v1/uploads';
    await page.route(uploads, async (route) => {
      await held;
      await route.continue();
    });
    await proof.setInputFiles({ name: 'hundepass.pdf', mimeType: 'application/pdf', buffer: PDF });
    const bar = dog.getByRole('progressbar', { name: 'hundepass.pdf wird hochgeladen' });
    await expect(bar).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'hundepass.pdf wird hochgeladen' })).toHaveCount(1);
    await expect(dog.getByRole('button', { name: 'Abbrechen: hundepass.pdf' })).toBeVisible();
    await screenshot(page, 'form-upload-progress-1280');
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/v1/uploads?'));
    release();
    expect((await uploaded).status()).toBe(201);
    await page.unroute(uploads);
    await expect(page.getByRole('status').filter({ hasText: 'hundepass.pdf wurde hochgeladen.' })).toHaveCount(1);
    await expect(bar).toHaveCount(0);
    await expect(refusal).toHaveCount(0);
    await expect(proof).not.toHaveAttribute('aria-invalid', 'true');
    await expect(dog.getByText('hundepass.pdf', { exact: true })).toBeVisible();
    await expect(dog.getByText('(1 KB)')).toBeVisible();

    // A PNG too (the question takes two files); a third is one too many.
    await upload(page, proof, 'foto.png', PNG, 'image/png');
    await proof.setInputFiles({ name: 'dritte.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(dog.getByRole('alert').filter({ hasText: 'Bitte laden Sie höchstens 2 Dateien hoch.' })).toBeVisible();
    await checkBothWidths(page, 'form-upload');
    // Removing one: announced, and focus goes back to the question.
    await dog.getByRole('button', { name: 'Entfernen: foto.png' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'foto.png wurde entfernt.' })).toHaveCount(1);
    await expect(proof).toBeFocused();
    await expect(dog.getByText('foto.png', { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page, 'dogs step with an uploaded file');

    await onToTheCheckPage(page);
    await expect(page.getByText('hundepass.pdf', { exact: true })).toBeVisible();

    // Send.
    const firstRequest = page.waitForRequest(isSubmission);
    const firstAnswer = page.waitForResponse((r) => isSubmission(r.request()));
    await page.getByRole('button', { name: SUBMIT }).click();
    const request = (await firstRequest).postDataJSON();
    expect(request.idempotency_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(request.answers.dogs[0].assistance_proof).toHaveLength(1);
    expect((await firstAnswer).status()).toBe(201);
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(reference).toMatch(REFERENCE);

    // The receipt page.
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await expect(page).toHaveTitle(`Eingangsbestätigung ${reference} – Schalter`);
    await expect(main.getByText(reference, { exact: true })).toBeVisible();
    await expect(main).toContainText(spelled(reference));
    // The authority's local time with its zone (receipt-page.spec.ts checks it in detail).
    await expect(definition(page, 'Eingegangen am')).toHaveText(/^\d{1,2}\. \p{L}+ \d{4}, \d\d:\d\d\sUhr \((MEZ|MESZ)\)$/u);
    await expect(definition(page, 'Zuständige Stelle')).toContainText('Schmölln');
    await expect(definition(page, 'Status')).toHaveText('Eingegangen');
    await expect(definition(page, 'Gemeinde')).toHaveText('Schmölln (TH)');
    await expect(page.getByRole('table', { name: 'Gebühren' }).getByRole('row', { name: /Gesamtbetrag/ })).toContainText('0,00 €');
    // Nothing to pay: no invoice announced.
    await expect(main).toContainText('Für diesen Antrag ist keine Gebühr zu bezahlen.');
    await expect(main).not.toContainText('in Rechnung');
    await expect(
      page.getByText('Wir senden Ihnen eine Bestätigung mit diesem Beleg als PDF an anna.muster@example.de.'),
    ).toBeVisible();
    const answers = page.getByRole('region', { name: 'Ihre Angaben' });
    await expect(definition(answers, 'Hund 1 – Name des Hundes')).toHaveText('Luna');
    await expect(definition(answers, 'Hund 1 – Nachweis Assistenzhund')).toHaveText('hundepass.pdf');
    await expect(page.getByRole('region', { name: 'Beilagen' })).toContainText('hundepass.pdf');
    await checkBothWidths(page, 'receipt');

    // A reload: the same receipt, from this browser, refreshed from the server.
    const refreshed = page.waitForResponse((r) => r.url().endsWith(`/api/v1/submissions/${reference}`));
    await page.reload();
    expect((await refreshed).status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await expect(main.getByText(reference, { exact: true })).toBeVisible();
    const stored = await page.evaluate((r) => JSON.parse(localStorage.getItem(`schalter.eingang.${r}`) ?? 'null'), reference);
    expect(stored.receipt.reference).toBe(reference);
    expect(stored.access_token.length).toBeGreaterThan(10);

    // The PDF receipt, fetched with the token and saved as a file.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Eingangsbestätigung herunterladen (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`Eingangsbestaetigung-${reference}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByRole('status').filter({ hasText: 'Das PDF wurde heruntergeladen.' })).toHaveCount(1);

    // Back to the check page: the submitted state, read-only, nothing to send again.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bereits eingereicht');
    await expect(page.getByRole('main')).toContainText(`(Referenznummer ${reference})`);
    await expect(page.getByRole('button', { name: SUBMIT })).toHaveCount(0);
    await page.getByRole('link', { name: 'Eingangsbestätigung ansehen' }).click();
    await expect(page).toHaveURL(`/de/eingang/${reference}`);
    // The very request once more, as a lost answer's retry would send it.
    const replay = await page.request.post('/api/v1/submissions', { data: request });
    expect(replay.status()).toBe(200);
    const replayed = await replay.json();
    expect(replayed.receipt.reference).toBe(reference);
    expect(replayed.access_token).toBe(stored.access_token);

    // My applications: listed as submitted, no longer as a draft in progress.
    await page.goto('/de/antraege');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Anträge auf diesem Gerät');
    await expect(page.getByRole('region', { name: 'Offene Anträge' })).toContainText(
      'Auf diesem Gerät sind keine offenen Anträge gespeichert.',
    );
    const submitted = page.getByRole('region', { name: 'Eingereichte Anträge' });
    await expect(submitted.getByRole('listitem')).toHaveCount(1);
    await expect(definition(submitted, 'Referenznummer')).toHaveText(reference);
    await expect(definition(submitted, 'Status')).toHaveText('Eingegangen');
    await expectNoAxeViolations(page, 'my applications with a submitted one');
    await submitted.getByRole('link', { name: `Eingangsbestätigung ansehen: ${reference}` }).click();
    await expect(page).toHaveURL(`/de/eingang/${reference}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');

    // The receipt in the other languages (the answers stay in the language they were given in).
    for (const l of [
      { lang: 'fr', heading: 'Demande envoyée', download: 'Télécharger l’accusé de réception (PDF)' },
      { lang: 'it', heading: 'Domanda inoltrata', download: 'Scaricare la conferma di ricezione (PDF)' },
      { lang: 'en', heading: 'Application submitted', download: 'Download PDF receipt' },
    ]) {
      await page.goto(`/${l.lang}/eingang/${reference}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.heading);
      await expect(page.getByRole('button', { name: l.download })).toBeVisible();
      await expect(main.getByText(reference, { exact: true })).toBeVisible();
      await expectNoAxeViolations(page, `receipt page in ${l.lang}`);
    }

    // No history while nothing has changed since it arrived (the page is in English here).
    await expect(page.getByRole('region', { name: 'History' })).toHaveCount(0);
    // Once the authority moves the status on (the clerk's workflow), the page shows each change
    // with its note. The server's answer is changed in flight the way that workflow will change it.
    await page.route(`**/api/v1/submissions/${reference}`, async (route) => {
      const response = await route.fetch();
      const receipt = await response.json();
      const at = receipt.history[0].at;
      receipt.status = 'waiting_for_citizen';
      receipt.history.push(
        { status: 'in_progress', at, actor: 'clerk' },
        { status: 'waiting_for_citizen', at, actor: 'clerk', note: 'Bitte senden Sie uns den Impfausweis.' },
      );
      await route.fulfill({ response, json: receipt });
    });
    await page.goto(`/de/eingang/${reference}`);
    await expect(definition(page, 'Status')).toContainText('Rückfrage an Sie');
    const history = page.getByRole('region', { name: 'Verlauf' });
    await expect(history.getByRole('listitem')).toHaveText([
      /Eingegangen$/,
      /In Bearbeitung$/,
      /Rückfrage an Sie\s*Bitte senden Sie uns den Impfausweis\.$/,
    ]);
    await checkBothWidths(page, 'receipt-history');
    await page.unrouteAll();

    // Another browser has no receipt and no token: it is told where to find it.
    const other = await browser.newContext();
    const stranger = await other.newPage();
    await stranger.goto(`/de/eingang/${reference}`);
    await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Eingangsbestätigung nicht auf diesem Gerät');
    await expectNoAxeViolations(stranger, 'receipt not on this device');
    await other.close();

    // Removing it from this device (a shared computer): asked first, then receipt and token gone.
    await page.goto('/de/antraege');
    const mine = page.getByRole('region', { name: 'Eingereichte Anträge' });
    await mine.getByRole('button', { name: `Von diesem Gerät entfernen: ${reference}` }).click();
    const question = page.getByRole('group', { name: new RegExp(`Eingangsbestätigung ${reference} von diesem Gerät entfernen\\?`) });
    await expect(question).toContainText('Der Antrag bleibt bei der Behörde.');
    await expect(question.getByRole('button', { name: 'Ja, von diesem Gerät entfernen' })).toBeFocused();
    await checkBothWidths(page, 'forget-receipt');
    await question.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(question).toHaveCount(0);
    await expect(mine.getByRole('button', { name: `Von diesem Gerät entfernen: ${reference}` })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(question.getByRole('button', { name: 'Ja, von diesem Gerät entfernen' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Die Eingangsbestätigung ${reference} wurde von diesem Gerät entfernt.` })).toHaveCount(1);
    await expect(mine).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('schalter.')));
    expect(left.filter((k) => k.startsWith('schalter.eingang.') || k.startsWith('schalter.entwurf.'))).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('schalter.eingaenge'))).toBe('[]');
    await page.goto(`/de/eingang/${reference}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingangsbestätigung nicht auf diesem Gerät');

    // Chromium logs the refused upload's 415 itself; that one is expected here.
    const unexpected = consoleErrors.filter((e) => !/status of 415/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('keyboard only: choosing a file, sending, downloading; a double press sends once', async ({ page }) => {
    await upToTheCertificate(page);
    // After the last answer of the dog, Tab leads to the file question; Enter opens the chooser.
    const proof = page.getByLabel('Nachweis Assistenzhund');
    await tabTo(page, proof);
    const choosing = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await choosing).setFiles({ name: 'ausweis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('status').filter({ hasText: 'ausweis.pdf wurde hochgeladen.' })).toHaveCount(1);
    await tabTo(page, page.getByRole('button', { name: 'Entfernen: ausweis.pdf' }));
    await tabTo(page, page.getByRole('button', { name: 'Weiter', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
    const transfer = page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' });
    await tabTo(page, page.getByRole('radio', { name: 'SEPA-Lastschrift' }));
    await page.keyboard.press('ArrowDown');
    await expect(transfer).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Weiter zur Übersicht' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');

    const sent: string[] = [];
    page.on('request', (r) => {
      if (isSubmission(r)) sent.push(r.postDataJSON().idempotency_key);
    });
    await tabTo(page, page.getByRole('button', { name: SUBMIT }));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    expect(sent).toHaveLength(1);
    const reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(reference).toMatch(REFERENCE);

    const download = page.getByRole('button', { name: 'Eingangsbestätigung herunterladen (PDF)' });
    await tabTo(page, download);
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = readFileSync(await (await downloading).path());
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('a lost answer: said so with "try again"; the retry gets the same submission', async ({ page, consoleErrors }) => {
    const proof = await upToTheCertificate(page);
    await upload(page, proof, 'hundepass.pdf', PDF);
    await onToTheCheckPage(page);
    // The server receives the first attempt, but its answer never arrives.
    let lost: { status: number; reference: string; key: string } | undefined;
    await page.route('**/api/v1/submissions', async (route) => {
      if (lost) return route.continue();
      const res = await route.fetch();
      const body = await res.json();
      lost = { status: res.status(), reference: body.receipt.reference, key: route.request().postDataJSON().idempotency_key };
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: SUBMIT }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Keine Verbindung zum Server' });
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('Der Antrag ist möglicherweise nicht angekommen.');
    await expect(problem).toContainText('Er wird dabei bestimmt nur einmal eingereicht');
    await expect(page).toHaveTitle(/^Fehler: Angaben prüfen/);
    await expectNoAxeViolations(page, 'check page after a lost answer');
    expect(lost?.status).toBe(201);

    const retried = page.waitForRequest(isSubmission);
    await problem.getByRole('button', { name: 'Erneut versuchen' }).click();
    expect((await retried).postDataJSON().idempotency_key).toBe(lost?.key);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await expect(page).toHaveURL(`/de/eingang/${lost?.reference}`);
    // Chromium logs the aborted request itself; that one is expected here.
    const unexpected = consoleErrors.filter((e) => !/ERR_CONNECTION_RESET|Failed to load resource/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('the server refuses a file it never received: shown at the question, nothing lost', async ({ page, consoleErrors }) => {
    const proof = await upToTheCertificate(page);
    await upload(page, proof, 'hundepass.pdf', PDF);
    await onToTheCheckPage(page);
    // The draft names an upload the server does not have (as after a server-side clean-up).
    await page.evaluate(() => {
      const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
      const key = `schalter.entwurf.${ids[0]}`;
      const draft = JSON.parse(localStorage.getItem(key) ?? 'null');
      draft.answers.dogs[0].assistance_proof[0].id = 'f00000000000000000000000000000ff';
      localStorage.setItem(key, JSON.stringify(draft));
    });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    const refused = page.waitForResponse((r) => isSubmission(r.request()));
    await page.getByRole('button', { name: SUBMIT }).click();
    expect((await refused).status()).toBe(422);
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(summary).toBeFocused();
    const message = 'Diese Datei ist bei uns nicht angekommen. Bitte wählen Sie sie noch einmal aus.';
    const link = summary.getByRole('link', { name: `Nachweis Assistenzhund (Hund 1): ${message}` });
    await expect(link).toBeVisible();
    await expect(page).toHaveURL(/\/pruefen\?/);
    // Nothing lost.
    const kept = await page.evaluate(() => {
      const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
      return JSON.parse(localStorage.getItem(`schalter.entwurf.${ids[0]}`) ?? 'null');
    });
    expect(kept.answers.dogs[0].name).toBe('Luna');
    expect(kept.answers.payment).toBe('transfer');
    expect(kept.submitted).toBeUndefined();

    // The link opens the dogs step at the question, with the server's message.
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    await expect(proof).toBeFocused();
    await expect(proof).toHaveAccessibleDescription(new RegExp(`Fehler: ${message}`));
    await page.getByRole('button', { name: 'Entfernen: hundepass.pdf' }).click();
    await upload(page, proof, 'hundepass-neu.pdf', PDF);
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await page.getByRole('button', { name: SUBMIT }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await expect(page.getByRole('region', { name: 'Beilagen' })).toContainText('hundepass-neu.pdf');
    // Chromium logs the 422 answer itself; that one is expected here.
    const unexpected = consoleErrors.filter((e) => !/status of 422/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('a new access from the authority: the e-mailed link opens the receipt on another device', async ({ browser, request }) => {
    // A submission made through the API, as any device would; then the citizen's token is
    // replaced (here by the citizen; the authority's staff get the same link sent by e-mail).
    const cases = JSON.parse(readFileSync('../contract/tests/fixtures/hundesteuer-cases.json', 'utf8'));
    const answers = { ...cases[0].answers };
    answers.dogs = [{ ...answers.dogs[0], tag_delivery: 'post' }];
    const form = await (await request.get('/api/v1/forms/hundesteuer-th?municipality=de:16077043')).json();
    const created = await request.post('/api/v1/submissions', {
      data: {
        idempotency_key: `e2e-access-link-${Date.now()}`,
        form: 'hundesteuer-th',
        version: form.version,
        municipality: 'de:16077043',
        lang: 'de',
        answers,
      },
    });
    expect(created.status()).toBe(201);
    const { receipt, access_token: first } = await created.json();
    const renewed = await request.post(`/api/v1/submissions/${receipt.reference}/access-token`, {
      headers: { authorization: `Bearer ${first}` },
    });
    expect(renewed.status()).toBe(200);
    const { access_token: second } = await renewed.json();
    const old = await request.get(`/api/v1/submissions/${receipt.reference}`, { headers: { authorization: `Bearer ${first}` } });
    expect(old.status()).toBe(404);

    // Another device, nothing stored: the link with the token in the fragment.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/de/eingang/${receipt.reference}#zugang=${second}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    // The token leaves the address at once (not shared or bookmarked with the page) and is kept
    // like a receipt submitted from this device.
    await expect(page).toHaveURL(`/de/eingang/${receipt.reference}`);
    const stored = await page.evaluate((r) => JSON.parse(localStorage.getItem(`schalter.eingang.${r}`) ?? 'null'), receipt.reference);
    expect(stored.access_token).toBe(second);
    await expectNoAxeViolations(page, 'receipt opened from an access link');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await context.close();
  });
});

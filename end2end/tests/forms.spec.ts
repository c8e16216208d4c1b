import { type Locator, type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, appReady, screenshot } from './fixtures';
import { SCHMOELLN, FORM_START, REQUIRED, checkBothWidths, startDogForm, fillHolder, fillDog, fillDate } from './application';

test.describe('online application: dog tax in Schmölln', () => {
  test('from the service page to the receipt: errors, two dogs, a file, IBAN, fees, change, submit', async ({ page }) => {
    // The whole journey with axe at two widths in every state: close to the default 30 s.
    test.slow();
    // The service page links the form for the municipality.
    await page.goto(`/de/leistung/99110009104000?gemeinde=${SCHMOELLN}`);
    await appReady(page);
    await page.getByRole('link', { name: 'Online-Antrag starten' }).click();
    await expect(page).toHaveURL(FORM_START);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    await expect(page.getByText(/Wer in Schmölln einen Hund hält/)).toBeVisible();
    const fees = page.getByRole('region', { name: 'Gebühren' });
    await expect(fees.getByText('Hund 1: 50,00 €')).toBeVisible();
    await expect(fees.getByText('Hund 3 und weitere: 100,00 €')).toBeVisible();
    await expect(fees.getByText('steuerfrei (Assistenzhund): 0,00 €')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Das brauchen Sie' })).toContainText('Nachweis Assistenzhund');
    await checkBothWidths(page, 'form-start');

    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
    await expect(page.getByText('Schritt 1 von 3')).toBeVisible();
    await expect(page).toHaveTitle('Halterin oder Halter – Hund anmelden (Hundesteuer) – Schalter');

    // "Continue" with nothing answered: the error summary, focused, with links to the fields.
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Bitte korrigieren Sie Folgendes' }) });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: Halterin oder Halter/);
    await expect(summary.getByRole('link')).toHaveText([
      `Vorname: ${REQUIRED}`,
      `Nachname: ${REQUIRED}`,
      `Geburtsdatum: ${REQUIRED}`,
      `Wohnadresse: ${REQUIRED}`,
      `E-Mail-Adresse: ${REQUIRED}`,
    ]);
    const given = page.getByLabel('Vorname');
    await expect(given).toHaveAttribute('aria-invalid', 'true');
    await expect(given).toHaveAccessibleDescription(`Fehler: ${REQUIRED}`);
    await expect(page.getByRole('group', { name: 'Geburtsdatum' })).toHaveAccessibleDescription(
      `Hundehalterinnen und -halter müssen mindestens 16 Jahre alt sein. Fehler: ${REQUIRED}`,
    );
    await summary.getByRole('link', { name: /^Nachname/ }).click();
    await expect(page.getByLabel('Nachname')).toBeFocused();
    await summary.getByRole('link', { name: /^Wohnadresse/ }).click();
    await expect(page.getByLabel('Straße')).toBeFocused();
    await checkBothWidths(page, 'form-step-errors');

    // An e-mail address the engine refuses, with its own message.
    await page.getByLabel('E-Mail-Adresse').fill('anna@localhost');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(summary.getByRole('link', { name: /^E-Mail-Adresse: Bitte geben Sie eine E-Mail-Adresse/ })).toBeVisible();

    await fillHolder(page);
    await expect(page.getByText('Schritt 2 von 3')).toBeVisible();

    // The dogs: a required group starts with one item.
    const dog1 = page.getByRole('group', { name: 'Hund 1', exact: true });
    await expect(dog1).toBeVisible();
    await expect(page.getByLabel('Nachweis Assistenzhund')).toHaveCount(0);
    await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: 'Blindenführ- oder Assistenzhund (steuerfrei)', tag: 'Per Post zusenden' });
    // The certificate is asked for assistance dogs only, as soon as that is chosen.
    const proof = dog1.getByLabel('Nachweis Assistenzhund');
    await expect(proof).toBeVisible();
    await expect(proof).toHaveAttribute('accept', 'application/pdf,image/jpeg,image/png');
    // Uploaded as soon as it is chosen (the server checks the content: a PDF).
    await proof.setInputFiles({ name: 'nachweis.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 demo') });
    await expect(dog1.getByText('nachweis.pdf', { exact: true })).toBeVisible();
    await expect(dog1.getByRole('button', { name: 'Entfernen: nachweis.pdf' })).toBeVisible();

    // A second dog: focus moves to its first question.
    await page.getByRole('button', { name: 'Weiteren Hund hinzufügen' }).click();
    const dog2 = page.getByRole('group', { name: 'Hund 2', exact: true });
    await expect(dog2.getByLabel('Name des Hundes')).toBeFocused();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(summary).toBeFocused();
    const dogError = summary.getByRole('link', { name: `Name des Hundes (Hund 2): ${REQUIRED}` });
    await expect(dogError).toBeVisible();
    await dogError.click();
    await expect(dog2.getByLabel('Name des Hundes')).toBeFocused();
    await fillDog(page, 2, { name: 'Bello', sex: 'Rüde', kind: 'Haushund', tag: 'Im Bürgerbüro abholen' });
    // The chip number is checked as one: five digits are refused with what a chip number is.
    const chip2 = dog2.getByLabel('Chipnummer (Transponder)');
    await expect(chip2).toHaveAttribute('inputmode', 'numeric');
    await expect(chip2).toHaveAttribute('autocomplete', 'off');
    await chip2.fill('12345');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Chipnummer (Transponder) (Hund 2): Bitte geben Sie die 15 Ziffern der Chipnummer ein, zum Beispiel 276 098 100 123 456. Sie steht im Heimtierausweis.',
    ]);
    await chip2.fill('276 098 100 654 321');

    // A third dog, removed again: focus goes to the dog before it, and it is announced.
    await page.getByRole('button', { name: 'Weiteren Hund hinzufügen' }).click();
    await expect(page.getByRole('group', { name: 'Hund 3', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Hund 3 entfernen' }).click();
    await expect(page.getByRole('group', { name: 'Hund 3', exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Hund 2', exact: true })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Hund 3 entfernt' })).toHaveCount(1);
    await expect(dog2.getByLabel('Name des Hundes')).toHaveValue('Bello');
    await checkBothWidths(page, 'form-group');

    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
    await expect(page.getByText('Schritt 3 von 3')).toBeVisible();

    // Keyboard only: the payment step. After the page change focus is on the main landmark.
    await expect(page.getByLabel('IBAN')).toHaveCount(0);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Zurück' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: 'SEPA-Lastschrift' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: 'SEPA-Lastschrift' })).toBeChecked();
    // The conditional questions appear right after the choice.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Kontoinhaberin oder Kontoinhaber')).toBeFocused();
    await page.keyboard.type('Anna Muster');
    await page.keyboard.press('Tab');
    const iban = page.getByLabel('IBAN');
    await expect(iban).toBeFocused();
    await expect(iban).toHaveAttribute('spellcheck', 'false');
    await expect(iban).toHaveAttribute('autocomplete', 'off');
    await page.keyboard.type('DE89 3704 0044 0532 0130 01');
    await page.keyboard.press('Tab');
    // The mandate is a box to tick (GOV.UK's single checkbox), not a yes/no: left unticked it
    // is refused, as the server refuses it.
    const mandate = page.getByRole('checkbox', {
      name: 'Ich erteile der Gemeinde ein SEPA-Lastschriftmandat für die Hundesteuer.',
    });
    await expect(mandate).toBeFocused();
    await expect(mandate).not.toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Weiter zur Übersicht' })).toBeFocused();
    await page.keyboard.press('Enter');
    // The IBAN's check digits are wrong and the mandate is not given: the engine says so, in German.
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'IBAN: Diese IBAN ist nicht gültig. Bitte prüfen Sie sie Zeichen für Zeichen.',
      'Ich erteile der Gemeinde ein SEPA-Lastschriftmandat für die Hundesteuer. Bitte bestätigen Sie dies, indem Sie das Kästchen ankreuzen. Ohne Ihre Bestätigung kann der Antrag nicht eingereicht werden.',
    ]);
    await expect(mandate).toHaveAttribute('aria-invalid', 'true');
    await expect(mandate).toHaveAttribute('aria-describedby', /(^| )field-sepa_mandate-error( |$)/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(iban).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('DE89 3704 0044 0532 0130 00');
    await page.keyboard.press('Tab');
    await expect(mandate).toBeFocused();
    await page.keyboard.press('Space');
    await expect(mandate).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Weiter zur Übersicht' })).toBeFocused();
    await page.keyboard.press('Enter');

    // Check your answers.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await expect(page).toHaveURL(/\/de\/antrag\/hundesteuer-th\/pruefen\?entwurf=/);
    /** The answer to a question, on the page or in the block of one dog. */
    const answer = (label: string, scope: Page | Locator = page) =>
      scope
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
        .locator('xpath=following-sibling::dd[1]');
    const dogAnswers = (n: number) => page.getByRole('group', { name: `Hund ${n}`, exact: true });
    await expect(answer('Vorname')).toHaveText('Anna');
    await expect(answer('Geburtsdatum')).toHaveText('12.04.1980');
    await expect(answer('Wohnadresse')).toHaveText(/^Markt 1\s*04626 Schmölln$/);
    await expect(answer('Geschlecht', dogAnswers(1))).toHaveText('Hündin');
    await expect(answer('Art der Haltung', dogAnswers(1))).toHaveText('Blindenführ- oder Assistenzhund (steuerfrei)');
    await expect(answer('Nachweis Assistenzhund', dogAnswers(1))).toHaveText('nachweis.pdf');
    await expect(answer('Name des Hundes', dogAnswers(2))).toHaveText('Bello');
    await expect(answer('Chipnummer (Transponder)', dogAnswers(2))).toHaveText('276 098 100 654 321');
    await expect(answer('Hundesteuermarke', dogAnswers(2))).toHaveText('Im Bürgerbüro abholen');
    await expect(answer('Wie möchten Sie die Hundesteuer bezahlen?')).toHaveText('SEPA-Lastschrift');
    await expect(answer('IBAN')).toHaveText('DE89 3704 0044 0532 0130 00');
    await expect(answer('Ich erteile der Gemeinde ein SEPA-Lastschriftmandat für die Hundesteuer.')).toHaveText('Ja');
    // The fees as the engine computes them from Schmölln's table: the assistance dog is
    // tax-free and does not count, so Bello is the first dog (50 €).
    const feeTable = page.getByRole('table', { name: 'Gebühren' });
    await expect(feeTable.getByRole('row', { name: /Hund 1 \(Luna\)/ })).toContainText('steuerfrei (Assistenzhund)');
    await expect(feeTable.getByRole('row', { name: /Hund 1 \(Luna\)/ })).toContainText('0,00 €');
    await expect(feeTable.getByRole('row', { name: /Hund 2 \(Bello\)/ })).toContainText('50,00 €');
    await expect(feeTable.getByRole('row', { name: /Gesamtbetrag/ })).toContainText('50,00 €');
    // Debited by the town: no invoice announced, nothing to pay here.
    await expect(page.getByText('Die Gemeinde bucht die Hundesteuer nach dem Steuerbescheid per SEPA-Lastschrift von Ihrem Konto ab.')).toBeVisible();
    await expect(page.getByRole('radio', { name: /Später per Rechnung/ })).toHaveCount(0);
    await checkBothWidths(page, 'form-check');

    // "Change" names what it changes, and comes back here.
    const change = page.getByRole('link', { name: 'Ändern Vorname', exact: true });
    await expect(change).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ändern Name des Hundes (Hund 2)', exact: true })).toBeVisible();
    await change.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
    // The step opens at the very question.
    await expect(page.getByLabel('Vorname')).toBeFocused();
    await expect(page.getByRole('link', { name: 'Zurück zur Übersicht' })).toBeVisible();
    await page.getByLabel('Vorname').fill('Anne');
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await expect(answer('Vorname')).toHaveText('Anne');

    // Send: the server checks the whole answer set with the same code, prices it with the
    // same table and receives it (the receipt itself: submission.spec.ts).
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    await expect(page.getByRole('table', { name: 'Gebühren' }).getByRole('row', { name: /Gesamtbetrag/ })).toContainText('50,00 €');
    await expect(page.getByRole('region', { name: 'Beilagen' })).toContainText('nachweis.pdf');
  });

  test('a server failure is explained; errors the server finds lead to the step and field', async ({ page, consoleErrors }) => {
    await startDogForm(page);
    await fillHolder(page);
    await fillDog(page, 1, { name: 'Rex', sex: 'Rüde', kind: 'Haushund', tag: 'Per Post zusenden' });
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    // The server fails: said so, with "try again", and nothing is lost.
    await page.route('**/api/v1/submissions', (route) =>
      route.fulfill({ status: 500, json: { code: 'internal', message: 'internal error' } }),
    );
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Der Antrag konnte nicht gesendet werden' });
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('Ihre Angaben bleiben auf diesem Gerät gespeichert');
    await expect(problem.getByRole('button', { name: 'Erneut versuchen' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await page.unroute('**/api/v1/submissions');
    // The server refuses something (here: answered as if the dog's name were missing).
    await page.route('**/api/v1/submissions', (route) =>
      route.fulfill({
        status: 422,
        json: {
          code: 'invalid_answers',
          message: 'Der Antrag wurde nicht eingereicht: Bitte korrigieren Sie die markierten Angaben.',
          details: { errors: [{ path: 'dogs.0.name', code: 'required', message: 'Bitte machen Sie hier eine Angabe.' }] },
        },
      }),
    );
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' });
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expectNoAxeViolations(page, 'check page with server errors');
    await summary.getByRole('link', { name: `Name des Hundes (Hund 1): ${REQUIRED}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    await expect(page.getByRole('group', { name: 'Hund 1', exact: true }).getByLabel('Name des Hundes')).toBeFocused();
    // Chromium logs the 500 and 422 answers itself; those are expected here.
    const unexpected = consoleErrors.filter((e) => !/status of (500|422)/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('in French: the form texts and messages come in the page language', async ({ page }) => {
    await page.goto(`/fr/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déclarer un chien (impôt sur les chiens)');
    await expect(page.getByText('Chien 1: 50,00 €')).toBeVisible();
    await page.getByRole('button', { name: 'Commencer la demande' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Détenteur ou détentrice');
    await expect(page.getByText('Étape 1 sur 3')).toBeVisible();
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Veuillez corriger les points suivants' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link').first()).toHaveText('Prénom\u00a0: Veuillez remplir ce champ.');
    await expect(page).toHaveTitle(/^Erreur\u00a0: Détenteur ou détentrice/);
    await expectNoAxeViolations(page, 'French step with errors');
    await page.getByLabel('Prénom').fill('Anne');
    await page.getByLabel(/^Nom \(/).fill('Exemple');
    await fillDate(page, 'Date de naissance', '1975-01-31', 'fr');
    await page.getByLabel('Rue').fill('Markt');
    await page.getByLabel('Numéro postal').fill('04626');
    await page.getByLabel('Localité').fill('Schmölln');
    await page.getByLabel('Adresse e-mail').fill('anne@example.fr');
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos chiens');
    const dog = page.getByRole('group', { name: 'Chien 1', exact: true });
    await expect(dog.getByLabel('Nom du chien')).toBeVisible();
    await expect(dog.getByRole('radio', { name: 'Femelle' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ajouter un autre chien' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectNoAxeViolations(page, 'French dogs step');
    await screenshot(page, 'form-fr-dogs-1280');
  });

  for (const l of [
    { lang: 'it', title: 'Notificare un cane (imposta sui cani)', start: 'Avviare la domanda', step: 'Detentore o detentrice',
      of: 'Passo 1 di 3', next: 'Avanti', summary: 'Corregga i punti seguenti', required: 'Compili questo campo.', first: 'Nome' },
    { lang: 'en', title: 'Register a dog (dog tax)', start: 'Start application', step: 'Dog keeper',
      of: 'Step 1 of 3', next: 'Continue', summary: 'Please correct the following', required: 'Please answer this question.', first: 'First name' },
  ]) {
    test(`in ${l.lang}: start page and a step with errors in the page language, axe clean`, async ({ page }) => {
      await page.goto(`/${l.lang}/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.title);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await expectNoAxeViolations(page, `${l.lang} start page`);
      await page.getByRole('button', { name: l.start }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.step);
      await expect(page.getByText(l.of)).toBeVisible();
      await page.getByRole('button', { name: l.next, exact: true }).click();
      const summary = page.getByRole('alert').filter({ hasText: l.summary });
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link').first()).toContainText(l.first);
      await expect(summary.getByRole('link').first()).toContainText(l.required);
      await expectNoAxeViolations(page, `${l.lang} step with errors`);
    });
  }

  test('a municipality the form is not for, and choosing one first', async ({ page, consoleErrors }) => {
    await page.goto('/de/antrag/hundesteuer-th?gemeinde=ch:4001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Für Ihre Gemeinde nicht verfügbar');
    await expect(page.getByText('Dieses Formular gilt für Thüringen; Aarau bietet es nicht an.')).toBeVisible();
    await expectNoAxeViolations(page, 'form not offered');
    // Another municipality, chosen here.
    await page.getByRole('button', { name: 'Gemeinde ändern' }).click();
    const picker = page.getByRole('combobox', { name: 'Ihre Gemeinde' });
    await picker.pressSequentially('Schmölln', { delay: 20 });
    await page.getByRole('option', { name: /Schmölln \(TH\)/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    await expect(page).toHaveURL(FORM_START);
    await expect(page.getByRole('button', { name: 'Antrag starten' })).toBeVisible();
    // Chromium logs the API's 404 answer for Aarau itself; that one is expected here.
    const unexpected = consoleErrors.filter((e) => !/status of 404/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('the form arriving before the municipality from the link is looked up: start is offered once it is', async ({ page }) => {
    // A slow lookup of the municipality named in the link (as on a busy server or network).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/v1/municipalities/*`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(FORM_START);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    await expect(page.getByText('Wählen Sie Ihre Gemeinde, um den Antrag zu starten.')).toBeVisible();
    release();
    await expect(page.getByRole('button', { name: 'Antrag starten' })).toBeVisible();
    await expect(page.getByText('Wählen Sie Ihre Gemeinde, um den Antrag zu starten.')).toHaveCount(0);
    await page.unrouteAll();
  });

  test('without a municipality the start page asks for one', async ({ page }) => {
    await page.goto('/de/antrag/hundesteuer-th');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    await expect(page.getByText('Wählen Sie Ihre Gemeinde, um den Antrag zu starten.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Antrag starten' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'form start without a municipality');
  });
});

import { test, expect, expectNoAxeViolations } from './fixtures';
import { FORM_START, checkBothWidths, startDogForm, fillHolder, fillDog, expectDate } from './application';

const TITLE = 'Hund anmelden (Hundesteuer)';

test.describe('drafts in the browser', () => {
  test('a reload, a closed tab and a new page lose nothing; the list resumes at the same step', async ({ page, context }) => {
    await page.goto('/de/antraege');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Anträge auf diesem Gerät');
    await expect(page.getByText('Auf diesem Gerät sind keine offenen Anträge gespeichert.')).toBeVisible();
    await expectNoAxeViolations(page, 'drafts page, empty');

    await startDogForm(page);
    await page.getByLabel('Vorname').fill('Anna');
    await page.getByLabel('Straße').fill('Markt');
    // Reload: every keystroke was saved.
    await page.reload();
    await expect(page.getByLabel('Vorname')).toHaveValue('Anna');
    await expect(page.getByLabel('Straße')).toHaveValue('Markt');
    await fillHolder(page);
    const dog = page.getByRole('group', { name: 'Hund 1', exact: true });
    await dog.getByLabel('Name des Hundes').fill('Luna');
    await dog.getByRole('radio', { name: 'Hündin' }).check();

    // The tab is closed; a new one opens the list from the header.
    await page.close();
    const next = await context.newPage();
    await next.goto('/de/');
    await next.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Anträge' }).click();
    await expect(next).toHaveURL('/de/antraege');
    const item = next.getByRole('listitem').filter({ has: next.getByRole('heading', { name: TITLE }) });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Schmölln (TH)');
    await expect(item).toContainText('Schritt 2 von 3: Ihre Hunde');
    await expect(item).toContainText(/Zuletzt geändert:?\s*\d\d\.\d\d\.\d{4}, \d\d:\d\d/);
    await checkBothWidths(next, 'drafts');

    await item.getByRole('link', { name: `Weiter ausfüllen: ${TITLE}` }).click();
    await expect(next.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    await expect(next).toHaveURL(/\/de\/antrag\/hundesteuer-th\/hunde\?entwurf=[0-9a-z]+&gemeinde=de:16077043$/);
    const resumed = next.getByRole('group', { name: 'Hund 1', exact: true });
    await expect(resumed.getByLabel('Name des Hundes')).toHaveValue('Luna');
    await expect(resumed.getByRole('radio', { name: 'Hündin' })).toBeChecked();
    await next.getByRole('link', { name: 'Zurück' }).click();
    await expect(next.getByLabel('Vorname')).toHaveValue('Anna');
    await expectDate(next, 'Geburtsdatum', '1980-04-12');
  });

  test('offline: typing and the steps work, sending says so, nothing is lost; online again it goes through', async ({ page, context, consoleErrors }) => {
    await startDogForm(page);
    await fillHolder(page);
    await context.setOffline(true);
    await fillDog(page, 1, { name: 'Rex', sex: 'Rüde', kind: 'Haushund', tag: 'Per Post zusenden' });
    // Validation runs in the browser: offline too.
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie Folgendes' })).toBeFocused();
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');

    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Sie sind offline' });
    await expect(problem).toContainText('Sie sind offline: Der Antrag konnte nicht gesendet werden.');
    await expect(problem).toContainText('Ihre Angaben bleiben auf diesem Gerät gespeichert');
    await expect(problem).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: Angaben prüfen/);
    await expectNoAxeViolations(page, 'check page offline');
    // Everything is still in the browser's storage.
    const stored = await page.evaluate(() => {
      const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
      return ids.map((id) => JSON.parse(localStorage.getItem(`schalter.entwurf.${id}`) ?? 'null'));
    });
    expect(stored).toHaveLength(1);
    expect(stored[0].answers.dogs[0].name).toBe('Rex');
    expect(stored[0].answers.payment).toBe('transfer');
    expect(stored[0].step).toBe('pruefen');

    await context.setOffline(false);
    await problem.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    // Chromium may log the requests the browser itself tried while offline.
    const unexpected = consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('two drafts of the same form coexist; discarding asks first and removes one', async ({ page }) => {
    await startDogForm(page);
    await page.getByLabel('Vorname').fill('Erste');
    const firstUrl = page.url();

    // Starting the same form again offers to continue, or to begin another one.
    await page.goto(FORM_START);
    await expect(page.getByRole('heading', { level: 3, name: 'Sie haben diesen Antrag auf diesem Gerät bereits begonnen' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Weiter ausfüllen' })).toHaveCount(1);
    await expectNoAxeViolations(page, 'start page with a draft');
    await page.getByRole('button', { name: 'Neuen Antrag beginnen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
    expect(page.url()).not.toBe(firstUrl);
    await expect(page.getByLabel('Vorname')).toHaveValue('');
    await page.getByLabel('Vorname').fill('Zweite');

    await page.goto('/de/antraege');
    const items = page.getByRole('main').getByRole('listitem');
    await expect(items).toHaveCount(2);
    // Most recent first: "Zweite". Discard it, but cancel first.
    const discard = items.first().getByRole('button', { name: `Entwurf löschen: ${TITLE}` });
    await discard.click();
    await expect(discard).toHaveAttribute('aria-expanded', 'true');
    const confirm = page.getByRole('button', { name: 'Ja, endgültig löschen' });
    await expect(confirm).toBeFocused();
    await expect(page.getByText(`Entwurf «${TITLE}» wirklich löschen? Ihre Angaben gehen verloren.`)).toBeVisible();
    await expectNoAxeViolations(page, 'drafts page asking to discard');
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(discard).toBeFocused();
    await expect(items).toHaveCount(2);
    await discard.click();
    await confirm.click();
    await expect(items).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: `Der Entwurf «${TITLE}» wurde gelöscht.` })).toHaveCount(1);
    await expect(page.getByRole('link', { name: TITLE, exact: true })).toBeFocused();
    // Gone from the storage too.
    await page.reload();
    await expect(items).toHaveCount(1);
    await items.first().getByRole('link', { name: `Weiter ausfüllen: ${TITLE}` }).click();
    await expect(page.getByLabel('Vorname')).toHaveValue('Erste');
  });

  test('a draft of an older form version: answers carried over, the citizen told', async ({ page }) => {
    await page.goto('/de/');
    await page.evaluate(() => {
      const now = new Date().toISOString();
      const draft = {
        id: 'alt1',
        form: 'hundesteuer-th',
        version: '1.1',
        municipality: 'de:16077043',
        municipality_name: 'Schmölln (TH)',
        lang: 'de',
        title: { de: 'Hund anmelden (Hundesteuer)' },
        answers: {
          given_name: 'Alt',
          family_name: 'Version',
          // Schmölln no longer asks for a phone number.
          phone: '036602 12345',
          dogs: [{ name: 'Rex', breed: 'Dackel', sex: 'male', kept_since: '2020-01-01', kind: 'pet' }],
        },
        step: 'hunde',
        progress: { step: 2, of: 3, title: { de: 'Ihre Hunde' } },
        created: now,
        updated: now,
      };
      localStorage.setItem('schalter.entwurf.alt1', JSON.stringify(draft));
      localStorage.setItem('schalter.entwuerfe', JSON.stringify(['alt1']));
    });
    await page.goto('/de/antrag/hundesteuer-th?entwurf=alt1&gemeinde=de:16077043');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    const notice = page.getByRole('region', { name: 'Formular aktualisiert' });
    await expect(notice).toContainText(
      'Dieses Formular wurde seit Ihrem Beginn aktualisiert. Ihre Angaben wurden übernommen, soweit die Fragen noch bestehen.',
    );
    await expect(notice).toContainText('1 Angabe gehört nicht mehr zum Formular und wurde entfernt.');
    const dog = page.getByRole('group', { name: 'Hund 1', exact: true });
    await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Rex');
    await expect(dog.getByRole('radio', { name: 'Rüde' })).toBeChecked();
    // New in this version: the microchip number, asked now.
    await expect(dog.getByLabel('Chipnummer (Transponder)')).toHaveValue('');
    await expectNoAxeViolations(page, 'version notice');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('schalter.entwurf.alt1') ?? 'null'));
    expect(stored.version).toBe('4.1');
    expect(stored.answers.phone).toBeUndefined();
    await page.getByRole('link', { name: 'Zurück' }).click();
    await expect(page.getByLabel('Vorname')).toHaveValue('Alt');
    await expect(page.getByLabel('Nachname')).toHaveValue('Version');
  });
});

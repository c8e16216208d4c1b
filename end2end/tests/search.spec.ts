import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, appReady, screenshot, hasHorizontalScroll } from './fixtures';

/** axe and a screenshot at 1280 px, then the same at 360 px (without sideways scrolling). */
async function checkBothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page, `${name} at 1280px`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await hasHorizontalScroll(page), `${name}: no sideways scrolling at 360 px`).toBe(false);
  await expectNoAxeViolations(page, `${name} at 360px`);
  await screenshot(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Chooses a municipality in the picker with the keyboard only. */
async function chooseMunicipality(page: Page, typed: string, shown: string, focusStays = true) {
  const picker = page.getByRole('combobox', { name: 'Ihre Gemeinde' });
  await picker.pressSequentially(typed, { delay: 20 });
  const option = page.getByRole('option', { name: new RegExp(shown.replace(/[()]/g, '\\$&')) });
  await expect(option).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Gemeinden? gefunden/ })).toHaveText(/\d+ Gemeinden? gefunden/);
  // Down to the wanted option, then Enter.
  for (let i = 0; i < 8 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
    await picker.press('ArrowDown');
  }
  await picker.press('Enter');
  await expect(page.getByText(shown, { exact: true })).toBeVisible();
  // Focus stays in the picker: on its "change" button.
  if (focusStays) await expect(page.getByRole('button', { name: 'Gemeinde ändern' })).toBeFocused();
}

test.describe('search box on the home page', () => {
  test('results as you type, announced, highlighted; ArrowDown and Enter open the service', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveAttribute('aria-autocomplete', 'list');
    await expectNoAxeViolations(page, 'home with the list closed');

    await box.pressSequentially('hundesteuer', { delay: 20 });
    const list = page.getByRole('listbox', { name: 'Leistung suchen' });
    await expect(list.getByRole('option').first()).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
    await expect(page.getByRole('status').filter({ hasText: /Ergebnis/ })).toHaveText(/^\d+ Ergebnisse?$/);
    await expect(list.getByRole('option').first().locator('mark').first()).toHaveText(/Hundesteuer/i);
    await checkBothWidths(page, 'home-list-open');
    await expect(box).toHaveAttribute('aria-expanded', 'true');

    await box.press('ArrowDown');
    const first = list.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    await box.press('ArrowDown');
    await expect(first).toHaveAttribute('aria-selected', 'false');
    await box.press('ArrowUp');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    const optionText = await first.innerText();
    await box.press('Enter');
    await expect(page).toHaveURL(/\/de\/leistung\/\d+/);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).not.toHaveText('Wird geladen …');
    expect(optionText).toContain((await h1.innerText()).trim());
  });

  test('Enter without an active option opens the full result list', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('umzug', { delay: 20 });
    await box.press('Enter');
    await expect(page).toHaveURL('/de/suche?q=umzug');
    const heading = page.getByRole('heading', { level: 2, name: /Ergebniss?e? für «umzug»/ });
    await expect(heading).toBeVisible();
    // The whole list is drawn (the first results with the page, the rest in groups after it):
    // as many entries as the heading counts, in the order the API gives.
    const count = Number((await heading.innerText()).match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(10);
    const api = await (await page.request.get('/api/v1/search?q=umzug&lang=de&limit=50')).json();
    const titles = api.results.map((r: { title: string }) => r.title);
    expect(titles).toHaveLength(count);
    await expect(page.locator('.results > .result h3')).toHaveText(titles);
  });

  test('Escape closes the list, a second Escape clears the input', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('pass', { delay: 20 });
    await expect(page.getByRole('option').first()).toBeVisible();
    // Every answer for the typed prefixes is in (a late one could open the list again).
    await page.waitForLoadState('networkidle');
    await box.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(box).toHaveValue('pass');
    await box.press('Escape');
    await expect(box).toHaveValue('');
    await expect(box).toBeFocused();
  });

  test('a typo, and another language, still find the service', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const de = page.getByRole('combobox', { name: 'Leistung suchen' });
    await de.pressSequentially('hundesteur', { delay: 15 });
    await expect(page.getByRole('option').first()).toContainText('Hundesteuer');

    await page.goto('/fr/');
    await appReady(page);
    const fr = page.getByRole('combobox', { name: 'Rechercher une prestation' });
    await fr.pressSequentially('permis de pêche', { delay: 15 });
    await expect(page.getByRole('option').first()).toContainText(/pêche/i);
    await expect(page.getByRole('status').filter({ hasText: /résultat/ })).toHaveText(/\d+ résultats?/);
  });
});

test.describe('municipality', () => {
  test('chosen by name: remembered, in the URL, and naming the responsible authority', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    await chooseMunicipality(page, 'Aarau', 'Aarau (AG)');
    await expect(page).toHaveURL('/de/?gemeinde=ch:4001');
    await expectNoAxeViolations(page, 'home with a municipality');

    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('hund', { delay: 20 });
    await expect(page.getByRole('option').first()).toContainText('Gemeindeverwaltung Aarau');

    // Remembered in the browser, without the URL.
    await page.goto('/de/');
    await expect(page.getByText('Aarau (AG)', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Gemeinde entfernen' }).click();
    const picker = page.getByRole('combobox', { name: 'Ihre Gemeinde' });
    await expect(picker).toBeFocused();
    await expect(page.getByText('Keine Gemeinde gewählt', { exact: false })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Ihre Gemeinde' })).toBeVisible();
  });

  test('chosen by postcode, then searching names the German town office', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    await chooseMunicipality(page, '21509', 'Glinde (SH)');
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('hundesteuer', { delay: 20 });
    await expect(page.getByRole('option').first()).toContainText('Glinde');
    await box.press('Enter');
    await expect(page).toHaveURL('/de/suche?q=hundesteuer&gemeinde=de:01062018');
    await expect(page.getByRole('main').getByRole('listitem').first()).toContainText('Zuständig: Gemeindeverwaltung Glinde');
  });

  test('"change" lets the citizen pick another one, and a URL parameter wins over the stored one', async ({ page, consoleErrors }) => {
    await page.goto('/de/');
    await appReady(page);
    await chooseMunicipality(page, 'Aarau', 'Aarau (AG)');
    await page.getByRole('button', { name: 'Gemeinde ändern' }).click();
    await expect(page.getByRole('combobox', { name: 'Ihre Gemeinde' })).toBeFocused();
    await chooseMunicipality(page, 'Glinde', 'Glinde (SH)');
    await expect(page).toHaveURL('/de/?gemeinde=de:01062018');

    await page.goto('/de/suche?q=pass&gemeinde=ch:4001');
    await expect(page.getByText('Aarau (AG)', { exact: true })).toBeVisible();
    // An unknown id in the URL is replaced by the stored choice, and the list follows it.
    await page.goto('/de/suche?q=pass&gemeinde=ch:999999');
    await expect(page).toHaveURL('/de/suche?q=pass&gemeinde=ch:4001');
    await expect(page.getByText('Aarau (AG)', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /für «pass»/ })).toBeVisible();
    // Chromium logs the API's answers to the unknown id (404, and 400 for a search made with it).
    const unexpected = consoleErrors.filter((e) => !/status of 40[04]/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });
});

test.describe('result list', () => {
  test('shareable URL with the municipality; the form updates the URL, back and reload work', async ({ page }) => {
    await page.goto('/de/suche?q=identit%C3%A4tskarte&gemeinde=ch:4001');
    await appReady(page);
    await expect(page).toHaveTitle('Suche nach «identitätskarte» – Schalter');
    const heading = page.getByRole('heading', { level: 2, name: /Ergebniss?e? für «identitätskarte»/ });
    await expect(heading).toBeVisible();
    const first = page.getByRole('main').getByRole('listitem').first();
    await expect(first.getByRole('heading', { level: 3 }).getByRole('link')).toHaveText('Identitätskarte beantragen');
    await expect(first.locator('mark').first()).toHaveText('Identitätskarte');
    await expect(first).toContainText('Zuständig: Passbüro des Kantons Aargau');
    await expect(page.getByText('Aarau (AG)', { exact: true })).toBeVisible();
    await checkBothWidths(page, 'results');

    await page.reload();
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(box).toHaveValue('identitätskarte');
    await expect(page.getByText('Aarau (AG)', { exact: true })).toBeVisible();
    await expect(heading).toBeVisible();

    // A new search from this page: the URL follows, and back restores the earlier list.
    await box.fill('');
    await box.pressSequentially('pass', { delay: 15 });
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect(page).toHaveURL('/de/suche?q=pass&gemeinde=ch:4001');
    await expect(page.getByRole('heading', { level: 2, name: /für «pass»/ })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/q=identit/);
    await expect(box).toHaveValue('identitätskarte');
    await expect(heading).toBeVisible();

    // A result opens its service page for the same municipality.
    await first.getByRole('link').click();
    await expect(page).toHaveURL(/\/de\/leistung\/99008001012000\?gemeinde=ch:4001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Identitätskarte beantragen');
  });

  test('nothing found: what was searched, tips and suggestions as links', async ({ page }) => {
    await page.goto('/de/suche?q=xqzvwpt&gemeinde=ch:4001');
    await appReady(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Keine Ergebnisse für «xqzvwpt»' })).toBeVisible();
    await expect(page.getByText('Prüfen Sie die Schreibweise.')).toBeVisible();
    await expect(page.getByText('Versuchen Sie andere oder allgemeinere Wörter.')).toBeVisible();
    await expect(page.getByText(/Entfernen Sie die gewählte Gemeinde/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Häufig gesucht' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listitem').getByRole('link').first()).toHaveAttribute('href', /\/de\/leistung\//);
    await checkBothWidths(page, 'no-results');
  });

  test('browsing by topic and by life situation leads to filtered lists', async ({ page }) => {
    await page.goto('/it/');
    await appReady(page);
    const browse = page.getByRole('region', { name: 'Sfoglia per tema' });
    const topic = browse.getByRole('heading', { level: 3 }).first().getByRole('link');
    const name = (await topic.innerText()).trim();
    await topic.click();
    await expect(page).toHaveURL(/\/it\/suche\?thema=/);
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`prestazion[ei] nel tema «${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}»`) })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listitem').first().getByRole('link')).toBeVisible();
    await expectNoAxeViolations(page, 'topic list');

    await page.goto('/de/');
    await appReady(page);
    await page.getByRole('region', { name: 'Nach Thema stöbern' }).getByRole('link', { name: 'Tierhaltung' }).click();
    await expect(page).toHaveURL('/de/suche?lebenslage=Tierhaltung');
    await expect(page.getByRole('heading', { level: 2, name: /Leistungen? zur Lebenslage «Tierhaltung»/ })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: 'Hundesteuer' }).first()).toBeVisible();
    await page.getByRole('link', { name: /Filter entfernen/ }).click();
    await expect(page).toHaveURL('/de/suche');
    await expect(page.getByText(/Beschreiben Sie in eigenen Worten/)).toBeVisible();
  });
});

test.describe('service page', () => {
  test('the responsible office for ?gemeinde=, fees and documents', async ({ page }) => {
    await page.goto('/de/leistung/99008001012000?gemeinde=ch:4001');
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Identitätskarte beantragen');
    await expect(page).toHaveTitle('Identitätskarte beantragen – Schalter');
    const responsible = page.getByRole('region', { name: 'Zuständige Stelle' });
    await expect(responsible.getByText('Zuständig für Aarau (AG):')).toBeVisible();
    await expect(responsible.getByRole('heading', { level: 3, name: 'Passbüro des Kantons Aargau' })).toBeVisible();
    await expect(responsible.getByText('5000 Aarau')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Gebühren' })).toContainText('CHF 70');
    await expect(page.getByRole('region', { name: 'Das brauchen Sie' }).getByRole('listitem')).toHaveCount(3);
    // No online form for this service: no button, and a sentence saying so.
    await expect(page.getByRole('link', { name: 'Online-Antrag starten' })).toHaveCount(0);
    await checkBothWidths(page, 'service');

    // A German town: the town's citizens' office with its address and website.
    await page.goto('/de/leistung/99115005104000?gemeinde=de:01062018');
    await expect(page.getByRole('heading', { level: 3, name: 'Stadt Glinde – Bürgerbüro' })).toBeVisible();
    await expect(page.getByText('21509 Glinde')).toBeVisible();
    await expect(page.getByRole('link', { name: 'www.glinde.de' })).toHaveAttribute('href', 'https://www.glinde.de');
  });

  test('without a municipality: a prompt and the picker, then the office', async ({ page }) => {
    await page.goto('/de/leistung/99008001012000?land=ch');
    await appReady(page);
    await expect(page.getByText('Wählen Sie Ihre Gemeinde, um die zuständige Stelle zu sehen.')).toBeVisible();
    await expectNoAxeViolations(page, 'service page without a municipality');
    // Focus moves on to the office's heading once the office is loaded.
    await chooseMunicipality(page, 'Aarau', 'Aarau (AG)', false);
    await expect(page.getByRole('heading', { level: 3, name: 'Passbüro des Kantons Aargau' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Zuständige Stelle' })).toBeFocused();
    await expect(page).toHaveURL('/de/leistung/99008001012000?land=ch&gemeinde=ch:4001');
  });

  test('not offered in the chosen municipality', async ({ page }) => {
    await page.goto('/de/leistung/ch-steuererklaerung?gemeinde=de:01062018');
    await appReady(page);
    await expect(page.getByText('Diese Leistung wird in Glinde (SH) nicht angeboten.', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page, 'service not offered');
  });

  test('a German-only text is marked and said so', async ({ page }) => {
    // A rarer variant of moving house, written in German only.
    await page.goto('/fr/leistung/99115005011002?gemeinde=de:01062018');
    await appReady(page);
    await expect(page.getByText('Traduction pas disponible\u00a0: ces informations sont affichées en allemand.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 3, name: 'Ville de Glinde – bureau des citoyens' })).toBeVisible();
    await expectNoAxeViolations(page, 'service page in German on the French site');
  });

  test('loading errors are explained, and "try again" recovers', async ({ page, consoleErrors }) => {
    // The connection drops.
    await page.route('**/api/v1/services/**', (route) => route.abort('internetdisconnected'));
    await page.goto('/de/leistung/99008001012000?gemeinde=ch:4001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.',
    );
    await expectNoAxeViolations(page, 'service page, network error');
    // Back online, but the server fails once.
    await page.unroute('**/api/v1/services/**');
    let failed = false;
    await page.route('**/api/v1/services/**', async (route) => {
      if (failed) return route.continue();
      failed = true;
      await route.fulfill({ status: 500, json: { code: 'internal', message: 'internal error' } });
    });
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Etwas ist schiefgelaufen. Bitte versuchen Sie es später erneut.',
    );
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Identitätskarte beantragen');

    // The result list says the same, in the page language.
    await page.route('**/api/v1/search**', (route) => route.abort('internetdisconnected'));
    await page.goto('/en/suche?q=dog');
    const offline = 'No connection to the server. Please check your internet connection.';
    await expect(page.getByRole('paragraph').filter({ hasText: offline })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: offline })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    // Chromium logs the failed requests itself; those are expected here, nothing else.
    const unexpected = consoleErrors.filter((e) => !/Failed to load resource/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('unknown service id', async ({ page, consoleErrors }) => {
    await page.goto('/en/leistung/99999999999999');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This service does not exist.');
    await expect(page).toHaveTitle('This service does not exist. – Schalter');
    await expectNoAxeViolations(page, 'unknown service');
    // Chromium logs the API's 404 answer itself; that one is expected here, nothing else.
    const unexpected = consoleErrors.filter((e) => !/status of 404/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });
});

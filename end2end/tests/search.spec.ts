import { test, expect, expectNoAxeViolations, appReady, screenshot, hasHorizontalScroll } from './fixtures';

test.describe('search box on the home page', () => {
  test('results as you type, announced, with highlighted matches; keyboard opens a service', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.pressSequentially('hundesteuer', { delay: 20 });
    const list = page.getByRole('listbox', { name: 'Leistung suchen' });
    await expect(list.getByRole('option').first()).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('status').filter({ hasText: /Ergebnis/ })).toHaveText(/\d+ Ergebnisse?/);
    await expect(list.getByRole('option').first().locator('mark').first()).toBeVisible();
    await expectNoAxeViolations(page, 'home with the list open');
    await screenshot(page, 'search-open-de-1280');

    await box.press('ArrowDown');
    const first = list.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    const title = (await first.locator('.option-label').innerText()).trim();
    await box.press('Enter');
    await expect(page).toHaveURL(/\/de\/leistung\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  });

  test('Escape closes the list, a second Escape clears the input', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('pass', { delay: 20 });
    await expect(page.getByRole('option').first()).toBeVisible();
    await box.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue('pass');
    await box.press('Escape');
    await expect(box).toHaveValue('');
  });

  test('typos and other languages still find the service', async ({ page }) => {
    await page.goto('/fr/');
    await appReady(page);
    const box = page.getByRole('combobox', { name: 'Rechercher une prestation' });
    await box.pressSequentially('permis de pêche', { delay: 15 });
    await expect(page.getByRole('option').first()).toContainText(/pêche/i);
    await page.goto('/de/');
    await appReady(page);
    const de = page.getByRole('combobox', { name: 'Leistung suchen' });
    await de.pressSequentially('hundesteur', { delay: 15 });
    await expect(page.getByRole('option').first()).toContainText(/Hund/);
  });
});

test.describe('municipality', () => {
  test('chosen by name, remembered, and naming the responsible authority', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const picker = page.getByRole('combobox', { name: 'Ihre Gemeinde' });
    await picker.pressSequentially('Aarau', { delay: 20 });
    await page.getByRole('option', { name: /Aarau \(AG\)/ }).click();
    await expect(page.getByText('Aarau (AG)')).toBeVisible();
    await expectNoAxeViolations(page, 'home with a municipality');

    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('hund', { delay: 20 });
    const option = page.getByRole('option').first();
    await expect(option).toContainText(/Aarau|Gemeinde/);

    // Remembered across a reload.
    await page.reload();
    await expect(page.getByText('Aarau (AG)')).toBeVisible();
    await page.getByRole('button', { name: 'Gemeinde entfernen' }).click();
    await expect(page.getByRole('combobox', { name: 'Ihre Gemeinde' })).toBeVisible();
  });

  test('chosen by postcode', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    const picker = page.getByRole('combobox', { name: 'Ihre Gemeinde' });
    await picker.pressSequentially('21509', { delay: 20 });
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await expect(page.getByText('Glinde (SH)')).toBeVisible();
  });
});

test.describe('result list and service page', () => {
  test('shareable search URL with municipality survives a reload', async ({ page }) => {
    await page.goto('/de/suche?q=identit%C3%A4tskarte&gemeinde=ch:4001');
    await expect(page.getByRole('heading', { level: 2, name: /Ergebnisse/ })).toBeVisible();
    const first = page.getByRole('main').getByRole('listitem').first();
    await expect(first.getByRole('link')).toContainText('Identitätskarte');
    await expect(page.getByText('Aarau (AG)')).toBeVisible();
    await expectNoAxeViolations(page, 'search results');
    await screenshot(page, 'results-de-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoAxeViolations(page, 'search results at 360px');
    await screenshot(page, 'results-de-360');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Leistung suchen' })).toHaveValue('identitätskarte');
  });

  test('nothing found: help and suggestions', async ({ page }) => {
    await page.goto('/de/suche?q=xqzvwpt&gemeinde=ch:4001');
    await expect(page.getByRole('heading', { name: /Keine Ergebnisse für/ })).toBeVisible();
    await expect(page.getByText('Prüfen Sie die Schreibweise.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Häufig gesucht' })).toBeVisible();
    await expectNoAxeViolations(page, 'no results');
  });

  test('service page shows the responsible office for the municipality', async ({ page }) => {
    await page.goto('/de/leistung/99008001012000?gemeinde=ch:4001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Identitätskarte beantragen');
    await expect(page.getByRole('heading', { name: 'Zuständige Stelle' })).toBeVisible();
    await expect(page.getByText('Passbüro des Kantons Aargau')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Gebühren' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Das brauchen Sie' })).toBeVisible();
    await expectNoAxeViolations(page, 'service page');
    await screenshot(page, 'service-de-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'service-de-360');

    // A German town: the town's citizens' office.
    await page.goto('/de/leistung/99115005104000?gemeinde=de:01062018');
    await expect(page.getByText('Stadt Glinde – Bürgerbüro')).toBeVisible();
    await expect(page.getByText('21509 Glinde')).toBeVisible();
  });

  test('unknown service id', async ({ page, consoleErrors }) => {
    await page.goto('/en/leistung/99999999999999');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This service does not exist.');
    await expectNoAxeViolations(page, 'unknown service');
    // Chromium logs the API's 404 answer itself; that one is expected here, nothing else.
    const unexpected = consoleErrors.filter((e) => !/status of 404/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unexpected);
  });

  test('browsing by topic leads to a filtered list', async ({ page }) => {
    await page.goto('/it/');
    await appReady(page);
    const browse = page.getByRole('region', { name: 'Sfogliare per tema' });
    const topic = browse.getByRole('link').first();
    await topic.click();
    await expect(page).toHaveURL(/\/it\/suche\?thema=/);
    await expect(page.getByRole('heading', { level: 2, name: /Risultati/ })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
  });
});

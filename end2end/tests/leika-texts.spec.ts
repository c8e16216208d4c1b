import { readFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures';
import { SCHMOELLN, checkBothWidths } from './application';

/** The dog registration, which Schmölln offers online. */
const DOG = '99110009104000';

/** The texts the catalogue ships for a LeiKa service (catalog/data/leika_texts.tsv). */
function written(key: string) {
  const line = readFileSync('../catalog/data/leika_texts.tsv', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}\t`));
  expect(line, `${key} has written texts`).toBeDefined();
  const f = line!.split('\t');
  expect(f, `${key} is translated`).toHaveLength(8);
  return { de: f[1], fr: { title: f[2], text: f[3] } };
}

test.describe('German services read without a dictionary', () => {
  test('the search in Schmölln describes «Hund anmelden» in plain German', async ({ page }) => {
    const texts = written(DOG);
    await page.goto(`/de/suche?q=Hund%20anmelden&gemeinde=${SCHMOELLN}`);
    await appReady(page);
    const result = page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Hund anmelden', exact: true }) });
    await expect(result).toHaveCount(1);
    await expect(result.getByText(texts.de, { exact: true })).toBeVisible();
    // No result repeats the catalogue's old filler sentence.
    await expect(page.getByRole('main')).not.toContainText('Teil der Verwaltungsleistung');
    await checkBothWidths(page, 'leika-texts-search-de');
  });

  test('on the French pages the service has a French title and description', async ({ page }) => {
    const texts = written(DOG);
    await page.goto(`/fr/suche?q=Hund%20anmelden&gemeinde=${SCHMOELLN}`);
    await appReady(page);
    const heading = page.getByRole('main').getByRole('heading', { level: 3, name: texts.fr.title, exact: true });
    await expect(heading).toBeVisible();
    // French text on a French page: no lang="de" on it.
    await expect(heading).not.toHaveAttribute('lang', /.+/);
    const result = page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3, name: texts.fr.title, exact: true }) });
    await expect(result).toHaveCount(1);
    await expect(result.getByText(texts.fr.text, { exact: true })).toBeVisible();
    await checkBothWidths(page, 'leika-texts-search-fr');

    await heading.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/fr/leistung/${DOG}\\?gemeinde=${SCHMOELLN}`));
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(texts.fr.title);
    await expect(h1).not.toHaveAttribute('lang', /.+/);
    await expect(page.getByRole('main').getByText(texts.fr.text, { exact: true })).toBeVisible();
    await expect(page.getByText('Traduction pas disponible', { exact: false })).toHaveCount(0);
    await expect(page).toHaveTitle(new RegExp(texts.fr.title));
    await checkBothWidths(page, 'leika-texts-service-fr');
  });

  test('a service without a translation stays German and says so', async ({ page }) => {
    // The Land's rarer variant of the same service: German text, marked as German.
    await page.goto(`/fr/leistung/99110009014001?gemeinde=${SCHMOELLN}`);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'de');
    await expect(page.getByText('Traduction pas disponible\u00a0: ces informations sont affichées en allemand.')).toBeVisible();
    await checkBothWidths(page, 'leika-texts-service-fr-german-only');
  });
});

// The receipt page a citizen reads without a dictionary: when it arrived in the authority's
// local time with its zone, the fee lines and "Gesamtbetrag" as on the check page, the checksum
// folded away for the authority; and the browser's Back after sending shows the submitted
// application read-only, with the way to its receipt, never "Antrag absenden" again.
import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot, hasHorizontalScroll } from './fixtures';
import { fillDog, fillHolder, startDogForm } from './application';

/** Fills the dog form for Schmölln (one dog, "Rex") up to its check page. */
async function toTheCheckPage(page: Page) {
  await startDogForm(page);
  await fillHolder(page);
  await fillDog(page, 1, { name: 'Rex', sex: 'Rüde', kind: 'Haushund', tag: 'Per Post zusenden' });
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
  await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
}

/** The rows of the fee table as text, the total row last. */
async function feeRows(page: Page) {
  const table = page.getByRole('table', { name: /Gebühren|Émoluments/ });
  return (await table.getByRole('row').allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' ').trim());
}

/** The local time the server computed for the receipt kept in this browser, as hh:mm. */
async function keptLocalTime(page: Page, reference: string) {
  const kept = await page.evaluate(
    (r) => JSON.parse(localStorage.getItem(`schalter.eingang.${r}`) ?? 'null'),
    reference,
  );
  const t = kept.receipt.received_local;
  expect(t.zone).toBe('Europe/Berlin');
  return { hour: t.hour as number, minute: String(t.minute).padStart(2, '0'), dst: t.dst as boolean };
}

test.describe('the receipt page', () => {
  test('says when in local time with its zone, the fees as checked, the checksum folded; Back is read-only', async ({
    page,
  }) => {
    await toTheCheckPage(page);
    const checked = await feeRows(page);
    expect(checked.at(-1)).toMatch(/^Gesamtbetrag /);
    expect(checked[0]).toContain('Hund 1 (Rex)');

    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
    const reference = page.url().split('/').pop()!;

    // When: the authority's local time, with the zone's German name.
    const { hour, minute, dst } = await keptLocalTime(page, reference);
    const received = page.getByRole('definition').filter({ hasText: /Uhr/ });
    await expect(received).toHaveText(
      new RegExp(`^\\d{1,2}\\. \\p{L}+ \\d{4}, ${String(hour).padStart(2, '0')}:${minute}\\sUhr \\(${dst ? 'MESZ' : 'MEZ'}\\)$`, 'u'),
    );

    // The fee table reads as on the check page, lines and "Gesamtbetrag".
    expect(await feeRows(page)).toEqual(checked);

    // The checksum is for the authority: inside a closed disclosure.
    const disclosure = page.locator('details').filter({ has: page.getByText('Prüfsumme für die Behörde') });
    await expect(disclosure).toHaveCount(1);
    await expect(disclosure).not.toHaveAttribute('open', /.*/);
    const hash = page.getByText(/^sha256:[0-9a-f]{64}$/);
    await expect(hash).toBeHidden();
    await disclosure.getByText('Prüfsumme für die Behörde').click();
    await expect(hash).toBeVisible();
    await expectNoAxeViolations(page, 'receipt page with the checksum open');
    await disclosure.getByText('Prüfsumme für die Behörde').click();
    await expect(hash).toBeHidden();

    await expectNoAxeViolations(page, 'receipt page at 1280px');
    await screenshot(page, 'receipt-page-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page), 'no sideways scrolling at 360 px').toBe(false);
    await expectNoAxeViolations(page, 'receipt page at 360px');
    await screenshot(page, 'receipt-page-360');

    // Back: the submitted application, read-only, with the way to its receipt.
    await page.goBack();
    await expect(page).toHaveURL(/\/pruefen\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bereits eingereicht');
    const main = page.getByRole('main');
    await expect(main).toContainText(`(Referenznummer ${reference})`);
    await expect(main).toContainText(`${String(hour).padStart(2, '0')}:${minute}`);
    await expect(main).toContainText('kann nicht mehr geändert werden');
    await expect(page.getByRole('button', { name: 'Antrag absenden' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Ändern/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Neuen Antrag beginnen' })).toBeVisible();
    await expectNoAxeViolations(page, 'submitted state at 360px');
    await screenshot(page, 'receipt-back-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'submitted state at 1280px');

    // A step page of the same application is read-only too.
    await page.goto(page.url().replace('/pruefen?', '/hunde?'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bereits eingereicht');
    await expect(page.getByLabel('Name des Hundes')).toHaveCount(0);

    await page.getByRole('link', { name: 'Eingangsbestätigung ansehen' }).click();
    await expect(page).toHaveURL(`/de/eingang/${reference}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');
  });

  test('in French: the time à h with its zone, "Montant total", the checksum folded, Back read-only', async ({
    page,
  }) => {
    await toTheCheckPage(page);
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page).toHaveURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const reference = page.url().split('/').pop()!;
    const { hour, minute, dst } = await keptLocalTime(page, reference);

    await page.goto(`/fr/eingang/${reference}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande envoyée');
    const received = page.getByRole('definition').filter({ hasText: /\sh\s\d\d \(/ });
    await expect(received).toHaveText(
      new RegExp(`^(1er|\\d{1,2}) \\p{L}+ \\d{4} à ${hour}\\sh\\s${minute} \\(${dst ? 'HAEC' : 'HNEC'}\\)$`, 'u'),
    );
    const rows = await feeRows(page);
    expect(rows.at(-1)).toMatch(/^Montant total /);
    expect(rows[0]).toContain('Hund 1 (Rex)');
    const disclosure = page.locator('details').filter({ has: page.getByText('Empreinte de contrôle pour l’autorité') });
    await expect(disclosure).not.toHaveAttribute('open', /.*/);
    await expect(page.getByText(/^sha256:/)).toBeHidden();
    await expectNoAxeViolations(page, 'French receipt page');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'receipt-page-fr-360');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Back twice: the German receipt, then the check page, now the submitted state; in French.
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/de\/antrag\/hundesteuer-th\/pruefen\?/);
    await page.goto(page.url().replace('/de/', '/fr/'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déjà envoyée');
    await expect(page.getByRole('main')).toContainText(`(numéro de référence ${reference})`);
    await expect(page.getByRole('button', { name: /Envoyer/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Voir l’accusé de réception' })).toHaveAttribute(
      'href',
      `/fr/eingang/${reference}`,
    );
    await expectNoAxeViolations(page, 'French submitted state');
  });
});

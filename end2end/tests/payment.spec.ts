// Paying a fee online through the payment provider's page (the project's sandbox, a separate
// process speaking the Datatrans API): Aarau's fishing permit must be paid before the
// application counts. Keyboard only from the check page to the provider's page and back; the
// receipt page says what the server read from the provider.
import { type Locator, type Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';
import { checkBothWidths, fillDate } from './application';
import { signInClerk } from './staff';

const SANDBOX = process.env.SCHALTER_TEST_PAYSANDBOX_URL;

/** Presses Tab until `target` has the focus (keyboard only). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The fishing permit for Aarau, answered up to the check page. */
async function upToTheCheckPage(page: Page) {
  await page.goto('/de/antrag/fischereipatent-ag?gemeinde=ch:4001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fischereipatent lösen');
  await page.getByRole('button', { name: 'Antrag starten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Angaben');
  await page.getByLabel('Vorname').fill('Lea');
  await page.getByLabel('Nachname').fill('Brunner');
  await fillDate(page, 'Geburtsdatum', '1990-04-12');
  await page.getByLabel('Strasse').fill('Bahnhofstrasse');
  await page.getByLabel('Hausnummer').fill('5');
  await page.getByLabel('Postleitzahl').fill('5000');
  await page.getByLabel('Ort', { exact: false }).fill('Aarau');
  await page.getByLabel('E-Mail-Adresse').fill('lea.brunner@example.ch');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patent');
  await page.getByRole('radio', { name: 'Jahrespatent' }).check();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Zurich' });
  await fillDate(page, 'Gültig ab', today);
  await page.getByLabel('Nummer des SaNa-Ausweises').fill('SaNa-2026-0412');
  await page.getByRole('checkbox', { name: 'Aare' }).check();
  // A statement the applicant confirms: a box to tick, not a yes/no.
  await page.getByRole('checkbox', { name: 'Ich halte die Fischereivorschriften ein' }).check();
  await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
}

/** Sends the application from the check page with the keyboard; the provider's page opens. */
async function sendAndPay(page: Page) {
  const send = page.getByRole('button', { name: 'Absenden und bezahlen' });
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${SANDBOX}/v1/start/*`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung (Testumgebung)');
  await expect(page.locator('#amount')).toHaveText('CHF 150.00');
}

test.describe('paying a fee online', () => {
  test.skip(
    !SANDBOX && !process.env.SCHALTER_TEST_REQUIRE_PAYSANDBOX,
    'needs the payment sandbox of the test command (scripts/paysandbox.sh)',
  );

  test('due before it counts: check page, the provider’s page, back paid — keyboard only', async ({ page }) => {
    test.slow();
    await upToTheCheckPage(page);
    const payment = page.getByRole('region', { name: 'Bezahlung' });
    await expect(payment).toContainText('gilt erst als eingereicht, wenn die Gebühr bezahlt ist');
    await expect(page.getByRole('region', { name: 'Gebühren' })).toContainText('150.00');
    await checkBothWidths(page, 'payment-step');

    await sendAndPay(page);
    await screenshot(page, 'payment-provider-page');
    await tabTo(page, page.getByRole('button', { name: 'Bezahlen' }));
    await page.keyboard.press('Enter');

    // Back on the receipt: what the server read from the provider, the fragment gone.
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const fee = page.getByRole('region', { name: 'Gebühr', exact: true });
    await expect(fee.getByRole('status')).toHaveText('Vielen Dank, Ihre Zahlung ist eingegangen.');
    await expect(fee).toContainText(/Bezahlt: CHF\s150\.00 am \d/);
    await expect(fee.getByRole('button', { name: 'Jetzt online bezahlen' })).toHaveCount(0);
    await checkBothWidths(page, 'payment-paid');
    // A reload announces nothing again; the fee stays paid.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Gebühr', exact: true })).toContainText('Bezahlt: CHF 150.00');
    await expect(page.getByText('Vielen Dank, Ihre Zahlung ist eingegangen.')).toHaveCount(0);
  });

  test('cancelled on the provider’s page: the application waits; paying from the receipt works', async ({ page }) => {
    test.slow();
    await upToTheCheckPage(page);
    await sendAndPay(page);
    await page.getByRole('button', { name: 'Abbrechen' }).click();

    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const fee = page.getByRole('region', { name: 'Gebühr', exact: true });
    await expect(fee.getByRole('status').first()).toContainText('Sie haben die Zahlung abgebrochen.');
    await expect(fee).toContainText('Ihr Antrag wartet auf die Zahlung');
    await checkBothWidths(page, 'payment-cancelled');

    const again = fee.getByRole('button', { name: 'Jetzt online bezahlen' });
    await tabTo(page, again);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${SANDBOX}/v1/start/*`);
    await page.getByRole('button', { name: 'Ablehnen lassen (Test)' }).click();
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    await expect(page.getByRole('region', { name: 'Gebühr', exact: true }).getByRole('status').first())
      .toContainText('Die Zahlung wurde abgelehnt');

    await page.getByRole('button', { name: 'Jetzt online bezahlen' }).click();
    await page.waitForURL(`${SANDBOX}/v1/start/*`);
    await page.getByRole('button', { name: 'Bezahlen' }).click();
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    await expect(page.getByRole('region', { name: 'Gebühr', exact: true })).toContainText('Bezahlt: CHF 150.00');
  });

  test('clerks: only under “waiting for payment” until paid; record a transfer; refund a payment made online', async ({ page, browser }) => {
    test.slow();
    // Two fishing permits: one cancelled on the provider's page (waits), one paid online.
    await upToTheCheckPage(page);
    await sendAndPay(page);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const waiting = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await page.evaluate((r) => localStorage.getItem(`schalter.eingang.${r}`), waiting);
    const authority = JSON.parse(stored ?? '{}').receipt.authority.id as string;
    await upToTheCheckPage(page);
    await sendAndPay(page);
    await page.getByRole('button', { name: 'Bezahlen' }).click();
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const paid = new URL(page.url()).pathname.split('/').pop() ?? '';

    const context = await browser.newContext();
    const clerk = await context.newPage();
    await signInClerk(clerk, authority);
    // Not in the inbox while it waits; under its filter it is.
    await clerk.goto(`/de/amt?q=${waiting}`);
    await expect(clerk.getByText('Keine Fälle')).toBeVisible();
    await clerk.getByLabel('Gebühr').selectOption('awaiting');
    await clerk.getByRole('button', { name: 'Filtern' }).click();
    await expect(clerk.getByRole('link', { name: waiting })).toBeVisible();
    await expect(clerk.getByRole('row', { name: new RegExp(waiting) })).toContainText('Gebühr: wartet auf Zahlung');
    await checkBothWidths(clerk, 'clerk-inbox-waiting-for-payment');
    await clerk.getByRole('link', { name: waiting }).click();
    const fee = clerk.getByRole('region', { name: 'Gebühr', exact: true });
    await expect(fee).toContainText('CHF 150.00 – wartet auf Zahlung');
    await fee.getByRole('button', { name: 'Zahlungseingang vermerken' }).click();
    await expect(fee).toContainText(/Bezahlt: CHF\s150\.00 am \d/);
    await expect(fee.getByRole('button')).toHaveCount(0);

    // Paid online: refunded through the provider.
    await clerk.goto(`/de/amt/fall/${paid}`);
    const online = clerk.getByRole('region', { name: 'Gebühr', exact: true });
    await expect(online).toContainText(/Online bezahlt, Transaktion \d+\./);
    await checkBothWidths(clerk, 'clerk-case-paid-online');
    await online.getByRole('button', { name: 'Gebühr zurückerstatten' }).click();
    await expect(online).toContainText('Zurückerstattet: CHF 150.00.');
    await expect(clerk.getByRole('region', { name: 'Protokoll' })).toContainText('Gebühr zurückerstattet');
    await context.close();

    // The citizen's receipt says so.
    await page.goto(`/de/eingang/${paid}`);
    await expect(page.getByRole('region', { name: 'Gebühr', exact: true })).toContainText('Zurückerstattet: CHF 150.00.');
  });
});

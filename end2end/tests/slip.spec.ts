// Paying later by bank transfer: with the authority's account set (as its administrators do),
// the receipt page shows the payment slip — a Swiss QR-bill for Aarau, a GiroCode for Schmölln —
// and the receipt PDF carries it as its last page.
import { type Locator, type Page } from '@playwright/test';
import { test, expect, screenshot, expectNoAxeViolations } from './fixtures';
import { checkBothWidths, fillDog, fillHolder, startDogForm } from './application';
import { schalter, signInClerk } from './staff';

const AARAU = 'ch:4001';

/** Presses Tab until `target` has the focus (keyboard only). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test.describe('paying later with a payment slip', () => {
  test.beforeAll(() => {
    schalter([
      'staff', 'creditor', '--authority', AARAU, '--iban', 'CH44 3199 9123 0008 8901 2',
      '--name', 'Stadt Aarau, Finanzen', '--street', 'Rathausgasse', '--building', '1',
      '--postcode', '5000', '--town', 'Aarau', '--country', 'CH', '--reference-prefix', '210000',
    ]);
  });

  test('Aarau: the receipt page shows the QR-bill, the PDF carries its payment part', async ({ page, request }) => {
    // Registering one's residence in Aarau (CHF 20, due later), sent through the API.
    const form = await (await request.get(`/api/v1/forms/wohnsitz-anmelden-ag?municipality=${AARAU}`)).json();
    const key = crypto.randomUUID();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1500, 32)]);
    const upload = await request.post(
      `/api/v1/uploads?form=wohnsitz-anmelden-ag&version=${form.version}&municipality=${AARAU}` +
        '&field=heimatschein&name=heimatschein.pdf&lang=de',
      { headers: { 'schalter-draft': key, 'content-type': 'application/pdf' }, data: pdf },
    );
    expect(upload.status()).toBe(201);
    const file = await upload.json();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Zurich' });
    const answers = {
      move_in_date: today, residence_type: 'main', housing: 'own',
      new_address: { street: 'Bahnhofstrasse', number: '5', postcode: '5000', place: 'Aarau', country: 'CH' },
      previous_address: { street: 'Seestrasse', number: '12', postcode: '8002', place: 'Zürich', country: 'CH' },
      given_name: 'Lea', family_name: 'Brunner', birth_date: '1990-04-12', marital_status: 'single',
      citizenship: 'ch', place_of_origin: 'Aarau', ahv_number: '756.1234.5678.97',
      confession: 'other_none', email: 'lea.brunner@example.ch',
      heimatschein: [{ id: file.id, name: file.name, size: file.size, type: file.type }],
    };
    const sent = await request.post('/api/v1/submissions', {
      data: { idempotency_key: key, form: 'wohnsitz-anmelden-ag', version: form.version, municipality: AARAU,
        lang: 'de', payment: 'invoice', answers },
    });
    expect(sent.status()).toBe(201);
    const created = await sent.json();
    const slip = created.receipt.payment.slip;
    expect(slip.kind).toBe('swiss_qr');

    await page.goto(`/de/eingang/${created.receipt.reference}#zugang=${created.access_token}`);
    const fee = page.getByRole('region', { name: 'Gebühr', exact: true });
    await expect(fee).toContainText('CHF 20.00');
    const part = fee.getByRole('region', { name: 'Einzahlungsschein' });
    await expect(part.getByRole('img', { name: 'QR-Code mit Konto, Betrag und Referenz dieser Zahlung' })).toBeVisible();
    await expect(part).toContainText('CH44 3199 9123 0008 8901 2');
    await expect(part).toContainText(slip.reference);
    await expect(part).toContainText('Stadt Aarau, Finanzen');
    await checkBothWidths(page, 'receipt-qr-bill');

    // The PDF's last page is the payment part (read back and decoded by the server's tests).
    const res = await request.get(`/api/v1/submissions/${created.receipt.reference}/receipt.pdf`, {
      headers: { authorization: `Bearer ${created.access_token}` },
    });
    expect(res.status()).toBe(200);
    const body = (await res.body()).toString('latin1');
    expect(body.startsWith('%PDF-')).toBe(true);
  });

  test('Schmölln: the administrator keeps the account; a dog registered with the keyboard, the receipt shows the GiroCode', async ({ browser, page }) => {
    test.slow();
    // The town's administrator enters its account on the payments page, keyboard only.
    const context = await browser.newContext();
    const staff = await context.newPage();
    await signInClerk(staff, 'de:16077043', 'Karla Kasse', 'authority-admin');
    // In clerk mode the main navigation leads to the case work, not to a citizen's sign-in.
    const nav = staff.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(nav.getByRole('link', { name: 'Sachbearbeitung' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Anmelden' })).toHaveCount(0);
    await staff.getByRole('link', { name: 'Zahlungen' }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Zahlungen');
    await expect(staff.getByText('Noch kein Konto hinterlegt')).toBeVisible();
    const iban = staff.getByLabel('IBAN oder QR-IBAN');
    await tabTo(staff, iban);
    // A mistyped IBAN (checksum) and no town: the error summary, nothing typed lost.
    await staff.keyboard.type('DE02 1203 0000 0000 2020 52');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('BYLADEM1001');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('Stadt Schmölln, Stadtkasse');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('Markt');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('1');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('04626');
    await staff.keyboard.press('Tab');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('DE');
    await staff.keyboard.press('Enter');
    const summary = staff.getByRole('alert').filter({ hasText: 'IBAN oder QR-IBAN' });
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('Ort');
    await expect(staff.getByLabel('Kontoinhaber')).toHaveValue('Stadt Schmölln, Stadtkasse');
    await expectNoAxeViolations(staff, 'payments page with errors');
    await tabTo(staff, iban);
    await staff.keyboard.press('Control+A');
    await staff.keyboard.type('DE02 1203 0000 0000 2020 51');
    await tabTo(staff, staff.getByRole('textbox', { name: /^Ort/ }));
    await staff.keyboard.type('Schmölln');
    await staff.keyboard.press('Enter');
    await expect(staff.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await expect(iban).toHaveValue('DE02120300000000202051');
    await checkBothWidths(staff, 'staff-payments');
    await context.close();

    await startDogForm(page);
    await fillHolder(page);
    await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: 'Haushund', tag: 'Per Post zusenden' });
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    // Paying later by invoice is the default for a fee due later; sent with the keyboard.
    const byInvoice = page.getByRole('radio', { name: /Rechnung/ });
    await expect(byInvoice).toBeChecked();
    const send = page.getByRole('button', { name: 'Antrag absenden' });
    await tabTo(page, send);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/de\/eingang\/[A-Z0-9-]+$/);
    const fee = page.getByRole('region', { name: 'Gebühr', exact: true });
    const part = fee.getByRole('region', { name: 'Einzahlungsschein' });
    await expect(part.getByRole('img', { name: 'QR-Code mit Konto, Betrag und Referenz dieser Zahlung' })).toBeVisible();
    await expect(part).toContainText('GiroCode');
    await expect(part).toContainText('DE02 1203 0000 0000 2020 51');
    await expect(part).toContainText('BYLADEM1001');
    await expect(part).toContainText(/RF\d\d /);
    await expectNoAxeViolations(page, 'receipt with a GiroCode');
    await screenshot(page, 'receipt-girocode-1280');
  });
});

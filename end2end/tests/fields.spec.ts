// How questions are drawn, in German and French: a date typed as day, month and year (not the
// browser's date picker, which writes the date as its own locale does), what is missing told
// at the question and in the error summary, what was typed kept through a reload and the
// steps; a file question's limits in words from the form's own limits (one file: "eine
// Datei"), a refused upload announced as refused; the German spelling and rules of a form of
// Germany (Straße, five-digit postcodes); every country in the country list.
import { type Page, type APIRequestContext } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './fixtures';
import { SCHMOELLN, DATE_PARTS, dateBoxes, expectDate, fillHolder, fillDog, startDogForm } from './application';

const AARAU = 'ch:4001';

type Texts = {
  start: string;
  next: string;
  back: string;
  summary: string;
  colon: string;
  given: string;
  family: string | RegExp;
  birth: string;
  street: string;
  postcode: string;
  place: string;
  email: string;
  holder: string;
  dogs: string;
  incomplete: string;
  postcodeDigits: string;
  country: string;
  newZealand: string;
  homeFirst: string;
};

const TEXTS: Record<'de' | 'fr', Texts> = {
  de: {
    start: 'Antrag starten',
    next: 'Weiter',
    back: 'Zurück',
    summary: 'Bitte korrigieren Sie Folgendes',
    colon: ': ',
    given: 'Vorname',
    family: 'Nachname',
    birth: 'Geburtsdatum',
    street: 'Straße',
    postcode: 'Postleitzahl',
    place: 'Ort',
    email: 'E-Mail-Adresse',
    holder: 'Halterin oder Halter',
    dogs: 'Ihre Hunde',
    incomplete: 'Das Datum muss einen Tag, einen Monat und ein Jahr enthalten.',
    postcodeDigits: 'Bitte geben Sie die Postleitzahl mit 5 Ziffern ein.',
    country: 'Land',
    newZealand: 'Neuseeland',
    homeFirst: 'Schweiz',
  },
  fr: {
    start: 'Commencer la demande',
    next: 'Continuer',
    back: 'Retour',
    summary: 'Veuillez corriger les points suivants',
    colon: '\u00a0: ',
    given: 'Prénom',
    family: /^Nom \(/,
    birth: 'Date de naissance',
    street: 'Rue',
    postcode: 'Numéro postal',
    place: 'Localité',
    email: 'Adresse e-mail',
    holder: 'Détenteur ou détentrice',
    dogs: 'Vos chiens',
    incomplete: 'La date doit comporter un jour, un mois et une année.',
    postcodeDigits: 'Veuillez saisir le numéro postal à 5 chiffres.',
    country: 'Pays',
    newZealand: 'Nouvelle-Zélande',
    homeFirst: 'Suisse',
  },
};

/** The form as a municipality serves it: version tag and definition. */
async function served(request: APIRequestContext, form: string, municipality: string) {
  const res = await request.get(`/api/v1/forms/${form}?municipality=${municipality}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { version: string; form: any };
}

/** Puts a draft on the device, as the app keeps it. */
async function seedDraft(page: Page, lang: string, draft: Record<string, unknown>) {
  await page.goto(`/${lang}/`);
  await page.evaluate((d) => {
    const now = new Date().toISOString();
    const full = { created: now, updated: now, progress: { step: 1, of: 3, title: d.title }, ...d };
    localStorage.setItem(`schalter.entwurf.${d.id}`, JSON.stringify(full));
    const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
    localStorage.setItem('schalter.entwuerfe', JSON.stringify([...ids, d.id]));
  }, draft as any);
}

/** A real (tiny) PDF, and a text file that only claims to be a PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const NOT_A_PDF = Buffer.from('Dies ist kein PDF, sondern nur Text mit einem falschen Namen.');

for (const lang of ['de', 'fr'] as const) {
  const t = TEXTS[lang];

  test(`${lang}: a date of birth as day, month and year; what is missing is said and nothing typed is lost`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/${lang}/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`);
    await page.getByRole('button', { name: t.start }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.holder);

    // Three boxes in a group named by the question, for digits, filled in as a birthday.
    const boxes = dateBoxes(page, t.birth, lang);
    await expect(boxes.group).toBeVisible();
    await expect(page.locator('input[type="date"]')).toHaveCount(0);
    const [day, month, year] = DATE_PARTS[lang];
    for (const [box, token] of [
      [boxes.day, 'bday-day'],
      [boxes.month, 'bday-month'],
      [boxes.year, 'bday-year'],
    ] as const) {
      await expect(box).toHaveAttribute('inputmode', 'numeric');
      await expect(box).toHaveAttribute('autocomplete', token);
    }
    await expect(boxes.group.getByText(day, { exact: true })).toBeVisible();
    await expect(boxes.group.getByText(month, { exact: true })).toBeVisible();
    await expect(boxes.group.getByText(year, { exact: true })).toBeVisible();

    // A form of Germany: "Straße" in German.
    await expect(page.getByLabel(t.street, { exact: false })).toBeVisible();
    if (lang === 'de') await expect(page.getByText('Strasse')).toHaveCount(0);

    // Everything but the month; a Swiss-looking postcode.
    await page.getByLabel(t.given).fill('Anna');
    await page.getByLabel(t.family).fill('Muster');
    await boxes.day.fill('12');
    await boxes.year.fill('1980');
    await page.getByLabel(t.street, { exact: false }).fill('Markt');
    await page.getByLabel(t.postcode).fill('4626');
    await page.getByLabel(t.place, { exact: false }).fill('Schmölln');
    await page.getByLabel(t.email).fill('anna.muster@example.de');
    await page.setViewportSize({ width: 360, height: 740 });
    await boxes.group.screenshot({ path: `screenshots/fields-date-${lang}-360.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    // What is missing is said in the summary and at the question; the link goes to the day.
    await page.getByRole('button', { name: t.next, exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: t.summary });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: new RegExp(`^${t.birth}`) })).toHaveText(`${t.birth}${t.colon}${t.incomplete}`);
    // The postcode rule of the address's country, not the Swiss one.
    await expect(summary).toContainText(t.postcodeDigits);
    await expect(summary).not.toContainText(lang === 'de' ? 'Schweiz' : 'Suisse');
    await expect(page.locator('#field-birth_date-error')).toContainText(t.incomplete);
    await expect(boxes.group).toHaveAccessibleDescription(new RegExp(t.incomplete.replace('.', '\\.')));
    await expect(boxes.day).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, `${lang} incomplete date`);
    await page.setViewportSize({ width: 360, height: 740 });
    await boxes.group.screenshot({ path: `screenshots/fields-date-error-${lang}-360.png` });
    await screenshot(page, `fields-date-error-${lang}-360-page`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await summary.getByRole('link', { name: new RegExp(`^${t.birth}`) }).click();
    await expect(boxes.day).toBeFocused();

    // What was typed survives a reload (the draft keeps it).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.holder);
    await expect(boxes.day).toHaveValue('12');
    await expect(boxes.month).toHaveValue('');
    await expect(boxes.year).toHaveValue('1980');

    // Complete: "4" is April; on to the dogs and back, the date is there.
    await boxes.month.fill('4');
    await page.getByLabel(t.postcode).fill('04626');
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dogs);
    await expectNoAxeViolations(page, `${lang} dogs step`);
    await page.getByRole('link', { name: t.back }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.holder);
    await expectDate(page, t.birth, '1980-04-12', lang);
    await expectNoAxeViolations(page, `${lang} date filled in`);
    // The answer is the ISO date the validation and the submissions use.
    const stored = await page.evaluate(() => {
      const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
      return ids.map((id) => JSON.parse(localStorage.getItem(`schalter.entwurf.${id}`) ?? '{}').answers?.birth_date);
    });
    expect(stored).toContain('1980-04-12');
  });

  test(`${lang}: the country list has every country, the form's own first`, async ({ page }) => {
    await page.goto(`/${lang}/antrag/wohnsitz-anmelden-ag?gemeinde=${AARAU}`);
    await page.getByRole('button', { name: t.start }).click();
    const country = page.getByRole('combobox', { name: t.country });
    await expect(country).toBeVisible();
    const options = await country.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(240);
    expect(options[0]).toBe(t.homeFirst);
    expect(options).toContain(t.newZealand);
    await country.selectOption({ label: t.newZealand });
    await expect(country).toHaveValue('NZ');
    await expectNoAxeViolations(page, `${lang} country list`);
  });
}

test('a file question states its limits; one file is "eine Datei"', async ({ page, request }) => {
  const { version, form: def } = await served(request, 'gewerbeanmeldung', SCHMOELLN);
  await seedDraft(page, 'de', {
    id: 'gewerbe1',
    form: 'gewerbeanmeldung',
    version,
    municipality: SCHMOELLN,
    municipality_name: 'Schmölln (TH)',
    lang: 'de',
    title: def.title,
    step: 'taetigkeit',
    answers: { craft: 'yes' },
  });
  await page.goto(`/de/antrag/gewerbeanmeldung/taetigkeit?entwurf=gewerbe1&gemeinde=${SCHMOELLN}`);
  const card = page.getByLabel('Handwerkskarte (falls vorhanden)');
  await expect(card).toBeVisible();
  await expect(card).toHaveAccessibleDescription(/^PDF, JPG oder PNG, eine Datei von höchstens 10\sMB$/);
  await expect(page.getByRole('main')).not.toContainText('1 Dateien');
  await expectNoAxeViolations(page, 'file question for one file');
});

test('a refused upload is announced as refused, a later one as uploaded', async ({ page, consoleErrors }) => {
  await startDogForm(page);
  await fillHolder(page);
  await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: 'Blindenführ- oder Assistenzhund (steuerfrei)', tag: 'Per Post zusenden' });
  const dog = page.getByRole('group', { name: 'Hund 1', exact: true });
  const proof = dog.getByLabel('Nachweis Assistenzhund');
  await expect(proof).toHaveAccessibleDescription(/PDF, JPG oder PNG, höchstens 5\sMB pro Datei, bis zu 2 Dateien/);
  const status = (text: string) => page.getByRole('status').filter({ hasText: text });

  // Too large: refused before it goes out.
  await proof.setInputFiles({ name: 'gross.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024, 0x20) });
  await expect(dog.getByRole('alert')).toContainText('gross.pdf');
  await expect(status('gross.pdf wurde nicht hochgeladen.')).toHaveCount(1);

  // Not a PDF: refused by the server after "uploading" was announced.
  await proof.setInputFiles({ name: 'nachweis.pdf', mimeType: 'application/pdf', buffer: NOT_A_PDF });
  await expect(dog.getByRole('alert').filter({ hasText: 'nachweis.pdf: Dieser Dateityp ist nicht möglich.' })).toBeVisible();
  await expect(status('nachweis.pdf wurde nicht hochgeladen.')).toHaveCount(1);
  await expect(status('wird hochgeladen')).toHaveCount(0);
  await expectNoAxeViolations(page, 'refused upload');

  await proof.setInputFiles({ name: 'hundepass.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(status('hundepass.pdf wurde hochgeladen.')).toHaveCount(1);
  await expect(dog.getByRole('button', { name: 'Entfernen: hundepass.pdf' })).toBeVisible();
  await expectNoAxeViolations(page, 'uploaded after a refusal');
  // Chromium logs the refused upload's 415 itself; that one is expected here.
  const unexpected = consoleErrors.filter((e) => !/status of 415/.test(e));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});

test('the start page marks what is needed only sometimes once', async ({ page }) => {
  await page.goto(`/de/antrag/wohnsitz-anmelden-ag?gemeinde=${AARAU}`);
  const lease = page.getByRole('listitem').filter({ hasText: 'Mietvertrag' });
  await expect(lease).toHaveText('Mietvertrag (freiwillig)');
  await expect(page.getByRole('main')).not.toContainText('(freiwillig) (falls zutreffend)');
  await expectNoAxeViolations(page, 'start page needs');
});

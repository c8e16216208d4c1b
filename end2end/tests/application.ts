// Helpers shared by the online application journeys (forms.spec.ts, drafts.spec.ts).
import { type Locator, type Page } from '@playwright/test';
import { expect, expectNoAxeViolations, screenshot, hasHorizontalScroll } from './fixtures';

/** The dog tax form of Thüringen, as Schmölln serves it (overlay: its own fee table, the tag
 * delivery question, no phone). */
export const SCHMOELLN = 'de:16077043';
export const FORM_START = `/de/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`;
export const REQUIRED = 'Bitte machen Sie hier eine Angabe.';

/** The labels of a date's day, month and year boxes per page language. */
export const DATE_PARTS = {
  de: ['Tag', 'Monat', 'Jahr'],
  fr: ['Jour', 'Mois', 'Année'],
  it: ['Giorno', 'Mese', 'Anno'],
  en: ['Day', 'Month', 'Year'],
} as const;

/** The day, month and year boxes of a date question (a group named by the question). */
export function dateBoxes(scope: Page | Locator, question: string | RegExp, lang: keyof typeof DATE_PARTS = 'de') {
  const group = scope.getByRole('group', { name: question });
  const [day, month, year] = DATE_PARTS[lang];
  return {
    group,
    day: group.getByLabel(day, { exact: true }),
    month: group.getByLabel(month, { exact: true }),
    year: group.getByLabel(year, { exact: true }),
  };
}

/** Answers a date question with an ISO date, typed as day, month and year. */
export async function fillDate(scope: Page | Locator, question: string | RegExp, iso: string, lang: keyof typeof DATE_PARTS = 'de') {
  const [y, m, d] = iso.split('-');
  const boxes = dateBoxes(scope, question, lang);
  await boxes.day.fill(d);
  await boxes.month.fill(m);
  await boxes.year.fill(y);
}

/** The date question shows an ISO date in its boxes. */
export async function expectDate(scope: Page | Locator, question: string | RegExp, iso: string, lang: keyof typeof DATE_PARTS = 'de') {
  const [y, m, d] = iso.split('-');
  const boxes = dateBoxes(scope, question, lang);
  await expect(boxes.day).toHaveValue(d);
  await expect(boxes.month).toHaveValue(m);
  await expect(boxes.year).toHaveValue(y);
}

/** axe and a screenshot at 1280 px, then the same at 360 px (without sideways scrolling). */
export async function checkBothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page, `${name} at 1280px`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await hasHorizontalScroll(page), `${name}: no sideways scrolling at 360 px`).toBe(false);
  await expectNoAxeViolations(page, `${name} at 360px`);
  await screenshot(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Starts the dog form for Schmölln on its start page. */
export async function startDogForm(page: Page) {
  await page.goto(FORM_START);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
  await page.getByRole('button', { name: 'Antrag starten' }).click();
  await expect(page).toHaveURL(/\/de\/antrag\/hundesteuer-th\/halter\?entwurf=[0-9a-z]+&gemeinde=de:16077043$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halterin oder Halter');
}

/** Answers the holder step (the first) and goes on. */
export async function fillHolder(page: Page, given = 'Anna') {
  await page.getByLabel('Vorname').fill(given);
  await page.getByLabel('Nachname').fill('Muster');
  await fillDate(page, 'Geburtsdatum', '1980-04-12');
  await page.getByLabel('Straße').fill('Markt');
  await page.getByLabel('Hausnummer').fill('1');
  await page.getByLabel('Postleitzahl').fill('04626');
  await page.getByLabel('Ort', { exact: false }).fill('Schmölln');
  await page.getByLabel('E-Mail-Adresse').fill('anna.muster@example.de');
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
}

/** Answers the questions about one dog inside its group. */
export async function fillDog(
  page: Page,
  n: number,
  dog: { name: string; sex: 'Hündin' | 'Rüde'; kind: string; tag: string },
) {
  const item = page.getByRole('group', { name: `Hund ${n}`, exact: true });
  await item.getByLabel('Name des Hundes').fill(dog.name);
  await item.getByLabel('Rasse oder Mischling').fill('Mischling');
  await item.getByRole('radio', { name: dog.sex }).check();
  await item.getByLabel('Chipnummer (Transponder)').fill('276098100123456');
  await fillDate(item, 'Gehalten seit', '2024-03-01');
  await item.getByRole('radio', { name: dog.kind }).check();
  await item.getByRole('radio', { name: dog.tag }).check();
}

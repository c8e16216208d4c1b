// Helpers shared by the online application journeys (forms.spec.ts, drafts.spec.ts).
import { type Page } from '@playwright/test';
import { expect, expectNoAxeViolations, screenshot, hasHorizontalScroll } from './fixtures';

/** The dog tax form of Thüringen, as Schmölln serves it (overlay: its own fee table, the tag
 * delivery question, no phone). */
export const SCHMOELLN = 'de:16077043';
export const FORM_START = `/de/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`;
export const REQUIRED = 'Bitte machen Sie hier eine Angabe.';

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
  await page.getByLabel('Geburtsdatum').fill('1980-04-12');
  await page.getByLabel('Strasse').fill('Markt');
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
  await item.getByLabel('Gehalten seit').fill('2024-03-01');
  await item.getByRole('radio', { name: dog.kind }).check();
  await item.getByRole('radio', { name: dog.tag }).check();
}

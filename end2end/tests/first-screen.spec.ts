// The home page comes with its first screen drawn by the server (contract::first_screen), so
// that a slow phone shows the heading and a working search box before the app's WebAssembly has
// arrived. The app then takes over without moving anything and keeps what was typed.
import { type Page, type Route } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './fixtures';
import { SCHMOELLN } from './application';

/** Holds every WebAssembly download until the returned function is called. */
async function holdTheApp(page: Page): Promise<() => void> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*_bg.wasm', async (route: Route) => {
    await gate;
    // The page may have gone on meanwhile (a search sent before the app came).
    await route.continue().catch(() => {});
  });
  return release;
}

/** Where the first screen's parts are drawn. */
async function boxes(page: Page) {
  const parts = ['.brand', '.lang-switch', 'main h1', 'main .lead', '#q', '#q-label', '#q-hint', 'form[role=search] button'];
  const out: Record<string, unknown> = {};
  for (const p of parts) out[p] = await page.locator(p).boundingBox();
  out['.menu-button'] = await page.locator('.menu-button').isVisible();
  out['nav links'] = await page.locator('#main-nav a').evaluateAll((as) =>
    as.map((a) => [a.getAttribute('href'), a.textContent, a.getAttribute('aria-current')]),
  );
  return out;
}

for (const [width, height] of [[1280, 800], [360, 740]]) {
  test(`at ${width} px the app takes over the first screen without moving it and keeps what was typed`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // Every layout shift of the page, typed or not.
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: string[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; sources: { node?: Node }[] }[]) {
          w.shifts.push(`${e.value}: ${e.sources.map((s) => s.node?.nodeName).join(' ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const release = await holdTheApp(page);
    await page.goto('/de/', { waitUntil: 'domcontentloaded' });
    const first = page.locator('#first-screen');
    await expect(first).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Was möchten Sie erledigen?');
    await expect(page).toHaveTitle('Startseite – Schalter');
    await expectNoAxeViolations(page, `first screen at ${width}px`);
    await screenshot(page, `first-screen-${width}`);
    const before = await boxes(page);

    await page.getByLabel('Leistung suchen').fill('hund anmelden');
    await page.getByLabel('Leistung suchen').press('ArrowLeft');
    release();
    await expect(first).toHaveCount(0);
    const box = page.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(box).toHaveValue('hund anmelden');
    await expect(box).toBeFocused();
    // The cursor stays where it was (one left of the end), so typing goes on there.
    await page.keyboard.type('x');
    await expect(box).toHaveValue('hund anmeldexn');
    await page.keyboard.press('Backspace');
    // The suggestions for the words typed before the app came.
    await expect(page.getByRole('option').first()).toBeVisible();
    expect(await boxes(page)).toEqual(before);
    // Nothing drawn moved: the app's page took the first screen's place in one frame.
    expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
    await screenshot(page, `first-screen-taken-over-${width}`);
  });
}

test('without the app, the first screen searches for the municipality in the address', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto(`/fr/?gemeinde=${SCHMOELLN}`, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByLabel('Rechercher une prestation').fill('chien');
  await page.getByLabel('Rechercher une prestation').press('Enter');
  await expect(page).toHaveURL(`/fr/suche?q=chien&gemeinde=${SCHMOELLN.replace(':', '%3A')}`);
  // With the app back, that address is the result list.
  await page.unroute('**/*_bg.wasm');
  release();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rechercher une prestation');
  await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
});

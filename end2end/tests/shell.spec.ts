import { test, expect, LANGS, expectNoAxeViolations, appReady, screenshot, hasHorizontalScroll } from './fixtures';

const HOME_HEADING = {
  de: 'Was möchten Sie erledigen?',
  fr: 'Que souhaitez-vous faire ?',
  it: 'Che cosa desidera sbrigare?',
  en: 'What do you need to do?',
};
const NOT_FOUND = { de: 'Seite nicht gefunden', fr: 'Page introuvable', it: 'Pagina non trovata', en: 'Page not found' };
const SKIP = { de: 'Zum Inhalt springen', fr: 'Aller au contenu', it: 'Vai al contenuto', en: 'Skip to content' };

test.describe('start page redirects to the browser language', () => {
  for (const [locale, lang] of [['fr-CH', 'fr'], ['it-CH', 'it'], ['de-DE', 'de'], ['en-GB', 'en'], ['es-ES', 'de']] as const) {
    test(`${locale} → /${lang}/`, async ({ browser }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page).toHaveURL(`/${lang}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADING[lang]);
      await context.close();
    });
  }
});

for (const lang of LANGS) {
  test(`shell in ${lang}: landmarks, language, title, axe at 1280 and 360 px`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/${lang}/`);
    await appReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADING[lang]);
    await expect(page).toHaveTitle(/Schalter$/);
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('main')).toHaveCount(1);
    const current = page.getByRole('navigation').getByRole('link', { current: 'page' });
    await expect(current.first()).toBeVisible();
    await expectNoAxeViolations(page, `/${lang}/ at 1280px`);
    await screenshot(page, `home-${lang}-1280`);

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page), 'no sideways scrolling at 360 px').toBe(false);
    await expectNoAxeViolations(page, `/${lang}/ at 360px`);
    await screenshot(page, `home-${lang}-360`);
  });

  test(`404 page in ${lang}`, async ({ page }) => {
    await page.goto(`/${lang}/gibt-es-nicht/wirklich`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND[lang]);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoAxeViolations(page, `404 in ${lang}`);
    await page.getByRole('main').getByRole('link').click();
    await expect(page).toHaveURL(`/${lang}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADING[lang]);
  });
}

test('an unknown language code shows the 404 page', async ({ page }) => {
  await page.goto('/xx/suche');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    new RegExp(Object.values(NOT_FOUND).join('|')),
  );
});

test('the language switch keeps the page and its query', async ({ page }) => {
  await page.goto('/de/suche?q=hund');
  await appReady(page);
  const switcher = page.getByRole('navigation', { name: 'Sprache wählen' });
  await expect(switcher.getByRole('link', { name: 'Deutsch' })).toHaveAttribute('aria-current', 'page');
  await switcher.getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL('/fr/suche?q=hund');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rechercher une prestation');
  await expect(
    page.getByRole('navigation', { name: 'Choisir la langue' }).getByRole('link', { name: 'Français' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('a client route survives a reload', async ({ page }) => {
  const res = await page.goto('/de/suche?q=umzug');
  expect(res?.status()).toBe(200);
  await appReady(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leistungen suchen');
  await expect(page.getByRole('combobox', { name: 'Leistung suchen' })).toHaveValue('umzug');
});

for (const lang of LANGS) {
  test(`keyboard: the skip link comes first and moves focus to the content (${lang})`, async ({ page }) => {
    await page.goto(`/${lang}/`);
    await appReady(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: SKIP[lang] });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab reaches content inside main, not the header again.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
    expect(inMain).toBe(true);
  });
}

test('keyboard: navigating by the main navigation moves focus to the new page', async ({ page }) => {
  await page.goto('/en/');
  await appReady(page);
  await page.getByRole('link', { name: 'Find a service' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/en/suche');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the API answers unknown paths with JSON 404 and the server is ready', async ({ request }) => {
  const res = await request.get('/api/nope');
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('application/json');
  expect((await res.json()).code).toBe('not_found');
  const ready = await request.get('/ready');
  expect(ready.status()).toBe(200);
});

test('security and cache headers on the app', async ({ request }) => {
  const res = await request.get('/de/suche');
  const h = res.headers();
  expect(h['cache-control']).toBe('no-cache');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).not.toContain('unsafe-inline');
  expect(h['x-content-type-options']).toBe('nosniff');
  const html = await res.text();
  // The search page's shell is the discovery bundle's (contract::bundles).
  const wasm = html.match(/\/discovery-[0-9a-f]{8,16}_bg\.wasm/)?.[0];
  expect(wasm, 'the shell references its bundle\'s hashed wasm').toBeTruthy();
  const asset = await request.get(wasm!, { headers: { 'accept-encoding': 'br' } });
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect(asset.headers()['content-encoding']).toBe('br');
});

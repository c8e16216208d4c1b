// Pages a citizen reads without a dictionary: a short start page on a phone with topics in
// plain words (citizens' first), a compact header whose menu opens behind a button, and a
// service page that says what is needed and what it costs, or where else to turn.
import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, appReady, screenshot, hasHorizontalScroll } from './fixtures';

const SCHMOELLN = 'de:16077043';
/** The start page at 360 × 640 stays under this height (it was 5,500 px). */
const HOME_MAX_HEIGHT = 2500;
/** The header with its menu takes at most this much of a 360 × 640 first screen. */
const HEADER_MAX_BOTTOM = 120;

const T = {
  de: {
    browse: 'Nach Thema stöbern',
    first: 'Familie & Kinder',
    animals: 'Tiere',
    business: 'Unternehmen',
    menu: 'Menü',
    search: 'Leistungen suchen',
    skip: 'Zum Inhalt springen',
    needs: 'Das brauchen Sie',
    fees: 'Gebühren',
    start: 'Online-Antrag starten',
  },
  fr: {
    browse: 'Parcourir par thème',
    first: 'Famille et enfants',
    animals: 'Animaux',
    business: 'Entreprises',
    menu: 'Menu',
    search: 'Rechercher une prestation',
    skip: 'Aller au contenu',
    needs: 'Ce dont vous avez besoin',
    fees: 'Émoluments',
    start: 'Commencer la demande en ligne',
  },
} as const;

/** The start page's topics, once all are drawn (the first few come with the page, the rest in
 * groups after it): as many as the API gives, in its order. */
async function topicNames(page: Page, lang: keyof typeof T) {
  const browse = page.getByRole('region', { name: T[lang].browse });
  const links = browse.getByRole('heading', { level: 3 }).getByRole('link');
  const api = await (await page.request.get(`/api/v1/topics?lang=${lang}`)).json();
  const names = api.topics.map((t: { name: string }) => t.name);
  expect(names.length).toBeGreaterThan(4);
  await expect(links).toHaveText(names);
  return (await links.allInnerTexts()).map((s) => s.trim());
}

for (const lang of ['de', 'fr'] as const) {
  test(`start page at 360 px in ${lang}: short, compact header, citizens' topics first`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(`/${lang}/`);
    await appReady(page);
    const names = await topicNames(page, lang);

    // Topics in plain words, citizens' first, businesses' after, no administrative "Querschnitt".
    expect(names[0]).toBe(T[lang].first);
    expect(names.join(' | ')).not.toMatch(/Querschnitt|Unternehmensführung/);
    expect(names.indexOf(T[lang].animals)).toBeGreaterThan(0);
    expect(names.indexOf(T[lang].business)).toBeGreaterThan(names.indexOf(T[lang].animals));

    // The header with the (closed) menu ends high on the first screen; the search box is on it.
    const header = await page.getByRole('banner').boundingBox();
    expect(header, 'the header is drawn').not.toBeNull();
    expect(header!.y + header!.height).toBeLessThanOrEqual(HEADER_MAX_BOTTOM);
    const search = await page.getByRole('main').getByRole('combobox').first().boundingBox();
    expect(search!.y + search!.height, 'the search box is on the first screen').toBeLessThanOrEqual(640);

    // The whole page is short.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`start page ${lang} at 360 px: ${height} px high, header ends at ${header!.y + header!.height} px`);
    await screenshot(page, `pages-home-${lang}-360`);
    expect(height).toBeLessThan(HOME_MAX_HEIGHT);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoAxeViolations(page, `/${lang}/ at 360 px, menu closed`);

    // The menu button says whether the menu is open, and the menu's links appear under it.
    const menu = page.getByRole('button', { name: T[lang].menu });
    const searchLink = page.getByRole('navigation', { name: /Hauptnavigation|Navigation principale/ })
      .getByRole('link', { name: T[lang].search });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(searchLink).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(searchLink).toBeVisible();
    await expectNoAxeViolations(page, `/${lang}/ at 360 px, menu open`);
    await screenshot(page, `pages-menu-${lang}-360`);
    // Escape closes it and gives focus back to the button.
    await searchLink.focus();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(searchLink).toBeHidden();
    // Opened again, a link leads on and the menu closes.
    await menu.click();
    await searchLink.click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/suche`));
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // At 1280 px the navigation is shown and the button is not.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/${lang}/`);
    await appReady(page);
    await expect(menu).toBeHidden();
    await expect(searchLink).toBeVisible();
    await expectNoAxeViolations(page, `/${lang}/ at 1280 px`);
    await screenshot(page, `pages-home-${lang}-1280`);
  });

  test(`keyboard in ${lang}: skip link, menu button, then the topics`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(`/${lang}/`);
    await appReady(page);
    await topicNames(page, lang);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: T[lang].skip })).toBeFocused();
    const order: string[] = [];
    const first = page.getByRole('region', { name: T[lang].browse }).getByRole('link', { name: T[lang].first });
    for (let i = 0; i < 40 && !(await first.evaluate((e) => e === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? ''));
    }
    await expect(first).toBeFocused();
    // The menu button comes before the page's content, and the closed menu's links are skipped.
    expect(order.indexOf(T[lang].menu)).toBeGreaterThanOrEqual(0);
    expect(order).not.toContain(T[lang].search);
    // The focus is visible: the focused link is drawn with the focus colour.
    const bg = await first.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(255, 221, 0)');
  });
}

/** The dog registration of Schmölln: the search result that has its online form. */
async function dogService(page: Page, lang: string) {
  const res = await page.request.get(`/api/v1/search?q=hund&municipality=${SCHMOELLN}&lang=${lang}&limit=50`);
  expect(res.status()).toBe(200);
  const found = (await res.json()).results.find((r: { form?: string }) => r.form === 'hundesteuer-th');
  expect(found, 'the search finds the dog form for Schmölln').toBeTruthy();
  return found.id as string;
}

for (const lang of ['de', 'fr'] as const) {
  test(`service page in ${lang}: what you need and what it costs in Schmölln, then start`, async ({ page }) => {
    const id = await dogService(page, lang);
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/v1/')) asked.push(path);
    });
    await page.goto(`/${lang}/leistung/${id}?gemeinde=${SCHMOELLN}`);
    await appReady(page);
    const needs = page.getByRole('region', { name: T[lang].needs });
    await expect(needs.getByRole('listitem').first()).toBeVisible();
    const fees = page.getByRole('region', { name: T[lang].fees });
    await expect(fees.getByRole('listitem').first()).toContainText('€');
    // The same facts as the form's own start page (one component for both).
    const onService = {
      needs: await needs.getByRole('listitem').allInnerTexts(),
      fees: await fees.getByRole('listitem').allInnerTexts(),
    };
    // The facts came with the service: one answer draws the page (no request for the form).
    expect(asked.filter((p) => p.startsWith('/api/v1/forms/'))).toEqual([]);
    expect(asked.filter((p) => p.startsWith('/api/v1/services/'))).toHaveLength(1);
    const start = page.getByRole('link', { name: T[lang].start });
    await expect(start).toHaveAttribute('href', new RegExp(`/${lang}/antrag/hundesteuer-th\\?gemeinde=${SCHMOELLN}`));
    await expectNoAxeViolations(page, `dog service page ${lang} at 1280 px`);
    await screenshot(page, `pages-service-${lang}-1280`);
    await page.setViewportSize({ width: 360, height: 640 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoAxeViolations(page, `dog service page ${lang} at 360 px`);
    await screenshot(page, `pages-service-${lang}-360`);

    await start.click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/antrag/hundesteuer-th`));
    await appReady(page);
    const startNeeds = page.getByRole('region', { name: T[lang].needs }).getByRole('listitem');
    await expect(startNeeds.first()).toBeVisible();
    expect(await startNeeds.allInnerTexts()).toEqual(onService.needs);
    expect(await page.getByRole('region', { name: T[lang].fees }).getByRole('listitem').allInnerTexts()).toEqual(onService.fees);
  });
}

test("a service without an online form in Schmölln links to the town's own website", async ({ page }) => {
  // A service Schmölln itself is responsible for, without an online form, whose office has a
  // website in the directory data.
  const res = await page.request.get(
    `/api/v1/search?lang=de&municipality=${SCHMOELLN}&topic=${encodeURIComponent('Wohnen & Umzug')}&limit=50`,
  );
  type Hit = { id: string; online: boolean; authority?: { level: string; contact: { website?: string } } };
  const hit = ((await res.json()).results as Hit[]).find(
    (r) => !r.online && r.authority?.level === 'municipality' && r.authority.contact.website,
  );
  expect(hit, 'the data knows such a service').toBeTruthy();
  const site = hit!.authority!.contact.website!;
  for (const [lang, text] of [['de', 'Auf der Website von Schmölln'], ['fr', 'Sur le site web de Schmölln']] as const) {
    await page.goto(`/${lang}/leistung/${hit!.id}?gemeinde=${SCHMOELLN}`);
    await appReady(page);
    await expect(page.getByRole('link', { name: text })).toHaveAttribute('href', site);
    await expectNoAxeViolations(page, `service without a form, ${lang}`);
  }
  await page.setViewportSize({ width: 360, height: 640 });
  await screenshot(page, 'pages-service-website-fr-360');
});

// What arrives after the first paint (the page's data, the rest of a long result list) does not
// move what is already drawn: the loading placeholder holds the footer below the first screen,
// and the result list's top does not depend on what it shows first. The API answers late here,
// so that the loading state is surely drawn before the content replaces it.
for (const [name, address, content] of [
  ['start page', '/de/', '.topics .topic'],
  ['result list', '/de/suche?q=hund', '.results .result'],
  ['service page', `/de/leistung/99110009104000?gemeinde=${SCHMOELLN}`, '#needs-heading'],
] as const) {
  test(`${name}: no layout shift when the content arrives`, async ({ page }) => {
    await page.setViewportSize({ width: 412, height: 823 });
    await page.route('**/api/v1/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: string[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node }[] })[]) {
          const nodes = (e.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 60));
          w.shifts.push(`${e.value.toFixed(4)} ${nodes.join(', ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(address);
    await appReady(page);
    await expect(page.locator(content).first()).toBeVisible();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
  });
}

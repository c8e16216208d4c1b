// Applications that cannot be submitted wrong: a fee that follows from an answer is computed,
// not asked (the building permit's advance from the estimated costs), and a rule across
// fields (the day care start not before the expected birth) is told in the error summary and
// at the field, in German and French.
import { type Page, type APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { checkBothWidths } from './application';

const BADEN = 'ch:4021';
const SCHMOELLN = 'de:16077043';

type Texts = Record<string, string>;
const TEXTS: Record<'de' | 'fr', Texts> = {
  de: {
    next: 'Weiter',
    toCheck: 'Weiter zur Übersicht',
    check: 'Angaben prüfen',
    fees: 'Gebühren',
    summary: 'Bitte korrigieren Sie Folgendes',
    colon: ': ',
  },
  fr: {
    next: 'Continuer',
    toCheck: 'Continuer vers le récapitulatif',
    check: 'Vérifier vos indications',
    fees: 'Émoluments',
    summary: 'Veuillez corriger les points suivants',
    // French typography: a no-break space before the colon.
    colon: '\u00a0: ',
  },
};

/** The form as a municipality serves it: version tag and definition. */
async function served(request: APIRequestContext, form: string, municipality: string) {
  const res = await request.get(`/api/v1/forms/${form}?municipality=${municipality}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { version: string; form: any };
}

/** A field's label in `lang`. */
function label(def: any, id: string, lang: string): string {
  for (const step of def.steps) {
    for (const f of step.fields) {
      if (f.id === id) return f.label[lang] ?? f.label.de;
    }
  }
  throw new Error(`no field ${id}`);
}

function stepTitle(def: any, id: string, lang: string): string {
  const step = def.steps.find((s: any) => s.id === id);
  return step.title[lang] ?? step.title.de;
}

/** Puts a draft on the device, as the app keeps it, and returns its id. */
async function seedDraft(page: Page, lang: string, draft: Record<string, unknown>) {
  await page.goto(`/${lang}/`);
  await page.evaluate((d) => {
    const now = new Date().toISOString();
    const full = { created: now, updated: now, progress: { step: 1, of: 4, title: d.title }, ...d };
    localStorage.setItem(`schalter.entwurf.${d.id}`, JSON.stringify(full));
    const ids: string[] = JSON.parse(localStorage.getItem('schalter.entwuerfe') ?? '[]');
    localStorage.setItem('schalter.entwuerfe', JSON.stringify([...ids, d.id]));
  }, draft as any);
}

/** A question's accessible name: its label, then perhaps "(Pflichtangabe)". */
function named(question: string): RegExp {
  return new RegExp(`^${question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** Fills a date question, whether it is one box or day, month and year boxes. */
async function fillDate(page: Page, question: string, iso: string) {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: named(question) });
  if ((await group.count()) > 0 && (await group.getByRole('textbox').count()) === 3) {
    const boxes = group.getByRole('textbox');
    await boxes.nth(0).fill(d);
    await boxes.nth(1).fill(m);
    await boxes.nth(2).fill(y);
  } else {
    await page.getByLabel(named(question)).fill(iso);
  }
}

function inDays(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

for (const lang of ['de', 'fr'] as const) {
  const t = TEXTS[lang];

  test(`${lang}: the building permit's fee follows from the estimated costs`, async ({ page, request }) => {
    const { version, form: def } = await served(request, 'baugesuch-ag', BADEN);
    // What the engine computes for the tester's CHF 85'000, asked of the server.
    const check = await request.post('/api/v1/forms/baugesuch-ag/validate', {
      data: { municipality: BADEN, lang, answers: { building_costs: "85'000" } },
    });
    const fees = (await check.json()).fees;
    expect(fees.total).toBe(80000);
    const permit = fees.lines.find((l: any) => l.rule === 'permit_fee');
    // CHF 800.00, or 800.00 CHF as French writes it.
    const amount = new RegExp(`(CHF\\s${permit.amount / 100}\\.00|${permit.amount / 100}\\.00\\sCHF)`);

    const address = { street: 'Badstrasse', number: '5', postcode: '5400', place: 'Baden' };
    const file = (name: string) => [{ id: `seeded-${name}`, name: `${name}.pdf`, size: 800, type: 'application/pdf' }];
    const id = `bau${lang}`;
    await seedDraft(page, lang, {
      id,
      form: 'baugesuch-ag',
      version,
      municipality: BADEN,
      municipality_name: 'Baden (AG)',
      lang,
      title: def.title,
      step: 'vorhaben',
      answers: {
        applicant_given_name: 'Anna',
        applicant_family_name: 'Beispiel',
        applicant_address: address,
        applicant_email: 'anna@example.ch',
        applicant_phone: '056 200 00 00',
        owner_is_applicant: 'yes',
        parcel_number: '1234',
        parcel_address: address,
        outside_building_zone: 'no',
        heritage: 'no',
        near_water_or_forest: 'no',
        project_type: 'conversion',
        description: 'Umbau des Dachgeschosses',
        situation_plan: file('situation'),
        plans: file('plans'),
        confirm: true,
      },
    });
    await page.goto(`/${lang}/antrag/baugesuch-ag/vorhaben?entwurf=${id}&gemeinde=${BADEN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stepTitle(def, 'vorhaben', lang));
    // The costs are asked once; no band to choose.
    const costs = page.getByLabel(named(label(def, 'building_costs', lang)));
    await expect(costs).toBeVisible();
    await expect(page.getByText(lang === 'de' ? 'Kostenstufe' : 'Catégorie de coût')).toHaveCount(0);
    await expect(page.getByRole('radio', { name: /50.000/ })).toHaveCount(0);
    await costs.fill("85'000");
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stepTitle(def, 'unterlagen', lang));
    await page.getByRole('button', { name: t.toCheck }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.check);

    const table = page.getByRole('table', { name: t.fees });
    const feeLabel = permit.label[lang];
    await expect(table.getByRole('row', { name: named(feeLabel) })).toContainText(amount);
    await expect(table.getByRole('row').last()).toContainText(amount);
    await expect(page.getByRole('main')).not.toContainText(lang === 'de' ? 'Kostenstufe' : 'Catégorie de coût');
    // axe and screenshots at 1280 and 360 px (no sideways scrolling).
    await checkBothWidths(page, `form-rules-building-fee-${lang}`);
  });

  test(`${lang}: a start of care before the expected birth is told at the field`, async ({ page, request }) => {
    const { version, form: def } = await served(request, 'kita-anmeldung-th', SCHMOELLN);
    const rule = def.checks.find((c: any) => c.id === 'start_after_expected_birth');
    const message: string = rule.message[lang];
    const id = `kita${lang}`;
    await seedDraft(page, lang, {
      id,
      form: 'kita-anmeldung-th',
      version,
      municipality: SCHMOELLN,
      municipality_name: 'Schmölln (TH)',
      lang,
      title: def.title,
      step: 'betreuung',
      answers: {
        child_born: 'no',
        child_family_name: 'Beispiel',
        expected_birth_date: inDays(60),
        child_address: { street: 'Markt', number: '1', postcode: '04626', place: 'Schmölln' },
      },
    });
    await page.goto(`/${lang}/antrag/kita-anmeldung-th/betreuung?entwurf=${id}&gemeinde=${SCHMOELLN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stepTitle(def, 'betreuung', lang));
    const start = label(def, 'start_date', lang);
    await fillDate(page, start, inDays(30));
    const hours = def.steps[1].fields.find((f: any) => f.id === 'care_hours').options[0].label[lang];
    await page.getByRole('radio', { name: hours, exact: true }).check();
    const kind = def.steps[1].fields.find((f: any) => f.id === 'care_types').options[0].label[lang];
    await page.getByRole('checkbox', { name: kind, exact: true }).check();
    await page.getByRole('button', { name: t.next, exact: true }).click();

    // In the summary, naming the question, and at the question itself.
    const summary = page.getByRole('alert').filter({ hasText: t.summary });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([`${start}${t.colon}${message}`]);
    await expect(page.locator('#field-start_date-error')).toContainText(message);
    await expect(page.locator('#field-start_date')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stepTitle(def, 'betreuung', lang));
    await checkBothWidths(page, `form-rules-kita-${lang}`);
    await summary.getByRole('link').click();
    await expect(page.locator('#field-start_date')).toBeFocused();

    // On the expected day of birth it is accepted.
    await fillDate(page, start, inDays(60));
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stepTitle(def, 'eltern', lang));
  });
}

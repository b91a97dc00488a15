import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { pdfText } from '../builders/pdfText';
import { pasteFromClipboard, scan, tabTo } from './support/keyboard';
import { callApi, seedPriceList } from './support/seed';
import { porterSessions, type PorterSession } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const { milk, milkUpper, kefir, chocolate, honey, tree } = SLICE_ITEMS;

const withSlicePriceList = async (server: Parameters<typeof seedPriceList>[0], workDir: string) => {
  await seedPriceList(server, writeSlicePriceList(workDir));
};

/** Everything in these tests is done with the keyboard: no clicks. */
describe('store mode, keyboard only', () => {
  const sessions = porterSessions();
  let session: PorterSession;

  const searchFocused = () => session.page.locator('[data-testid="catalog-search"]:focus').waitFor();
  const rowFocused = (code: string) => session.page.locator(`[data-testid="catalog-row"][data-code="${code}"] input:focus`).waitFor();
  const typeSearch = async (text: string) => {
    await session.page.keyboard.press('F3');
    await searchFocused();
    await session.page.keyboard.type(text, { delay: 80 });
    await session.page.locator(`[data-testid="catalog"][data-settled="true"][data-query="${text}"]`).waitFor();
  };

  it('enters quantities, steps by pack, takes a correction, scans barcodes and pastes lines', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { page, order } = session;

    // Search, Enter to the rows, type, Enter confirms and moves down.
    await typeSearch('молоко');
    await page.keyboard.press('Enter');
    await rowFocused(milk.code);
    await page.keyboard.type('24');
    await page.keyboard.press('Enter');
    await rowFocused(milkUpper.code);
    await order.waitForLine(milk.code, 24);

    // + and − step by the pack multiple (6), starting at the minimum (12).
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('-');
    await page.keyboard.press('Enter');
    await order.waitForLine(milkUpper.code, 12);

    // A quantity that is not a pack multiple is flagged on the line; Alt+Enter takes the offer.
    await typeSearch('шоколад');
    await page.keyboard.press('Enter');
    await rowFocused(chocolate.code);
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await order.waitForLine(chocolate.code, 25);
    const badge = order.line(chocolate.code).locator('[data-kind="notPackMultiple"]');
    expect(await badge.getAttribute('data-suggested')).toBe('20');
    expect(await page.getByTestId('order-attention').getAttribute('data-count')).toBe('1');
    await page.keyboard.press('ArrowUp'); // the only row: focus stays on it
    await rowFocused(chocolate.code);
    await page.keyboard.press('Alt+Enter');
    await order.waitForLine(chocolate.code, 20);
    await page.getByTestId('order-attention').waitFor({ state: 'detached' });

    // A scanner: a known barcode adds one pack, scanning it again one more; an unknown one changes nothing.
    await page.keyboard.press('Escape');
    await searchFocused();
    await scan(page, kefir.barcode);
    await order.waitForLine(kefir.code, 6);
    await scan(page, kefir.barcode);
    await order.waitForLine(kefir.code, 12);
    await scan(page, chocolate.barcode);
    await order.waitForLine(chocolate.code, 40);
    expect(await session.catalog.search.inputValue()).toBe('шоколад'); // the scan did not type into search
    const linesBefore = await order.lines.count();
    await scan(page, '4600000999999');
    await page.getByText('Штрихкода 4600000999999 нет в прайс-листе', { exact: false }).waitFor();
    expect(await order.lines.count()).toBe(linesBefore);

    // Three lines pasted from Excel (code or barcode, tab, quantity) and one that matches nothing.
    await pasteFromClipboard(page, `${honey.code}\t3\n${tree.barcode}\t2\n${milk.code}\t12\nНЕТ-ТАКОГО\t5\n`);
    const report = page.getByTestId('line-report-added');
    await report.waitFor();
    expect(await page.getByTestId('line-report-added').innerText()).toContain('3');
    expect(await page.locator('[data-testid="line-report-unmatched"]').getAttribute('data-reference')).toBe('НЕТ-ТАКОГО');
    await page.keyboard.press('Enter');
    await report.waitFor({ state: 'detached' });
    await order.waitForLine(honey.code, 3);
    await order.waitForLine(tree.code, 2);
    await order.waitForLine(milk.code, 36); // added to the 24 already there
    await order.waitUntilSaved();

    // F9 sends, after a confirmation that says what goes (Enter confirms); a new draft follows.
    const number = await order.number.innerText();
    await page.keyboard.press('F9');
    await page.locator('[data-testid="submit-confirm-send"]:focus').waitFor();
    await page.keyboard.press('Enter');
    await order.empty.waitFor();
    expect(await order.number.innerText()).not.toBe(number);
  });

  it('repeats a sent order after a price change, saves and uses a template, accepts suggestions, prints a PDF', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { page, order, server } = session;

    // History with rhythm: two sent orders, two and one week ago (set up through the API).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [offset, quantity] of [
      [-14, 24],
      [-7, 36],
    ] as const) {
      const draft = await callApi(server, 'createDraft', {});
      await callApi(server, 'setOrderLineQuantities', {
        orderId: draft.id,
        lines: [
          { itemCode: milk.code, quantity },
          { itemCode: chocolate.code, quantity: 40 },
        ],
      });
      await callApi(server, 'setOrderDetails', { orderId: draft.id, deliveryDate: day(offset), comment: '' });
      await callApi(server, 'submitOrder', { orderId: draft.id });
    }
    await page.reload();
    await page.locator('[data-testid="app"][data-state="ready"]').waitFor({ state: 'attached' });

    // The supplier's next price list: milk dearer.
    await seedPriceList(server, writeSlicePriceList(session.workDir, 'прайс-2.csv', { prices: { [milk.code]: '99,90' } }));

    // History: the newest order first; Enter opens it, then repeat it.
    await page.keyboard.press('Alt+2');
    await page.getByTestId('history-screen').waitFor();
    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await tabTo(page, 'history-row');
    await page.keyboard.press('Enter');
    await page.getByTestId('history-detail').waitFor();
    const sentTotal = await page.getByTestId('history-total-gross').innerText();

    // Print: the order as an A4 PDF with its number and total.
    await tabTo(page, 'history-pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const pdf = await pdfText(await download.path());
    const number = (await page.getByTestId('history-detail').getAttribute('data-number')) ?? '';
    expect(number).toMatch(/^P-\d{6}$/);
    expect(pdf).toContain(number);
    expect(pdf).toContain(sentTotal.replace(/\s/g, ' ')); // the PDF's text has plain spaces

    await tabTo(page, 'history-repeat');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="app"][data-screen="order"]').waitFor();
    await order.waitForLine(milk.code, 36);
    const flag = order.line(milk.code).locator('[data-kind="priceChanged"]');
    expect(await flag.innerText()).toContain(`${formatMoney(8990, 'ru')} → ${formatMoney(9990, 'ru')}`);
    expect(await order.line(chocolate.code).locator('[data-kind="priceChanged"]').count()).toBe(0);

    // Save it as a template from the "More" menu, then start a new order from the template.
    await tabTo(page, 'order-more');
    await page.keyboard.press('Enter');
    await page.getByTestId('save-template').waitFor();
    const saveItem = page.locator('[data-testid="save-template"]:focus');
    for (let i = 0; i < 5 && (await saveItem.count()) === 0; i++) await page.keyboard.press('ArrowDown');
    await saveItem.waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="template-name"]:focus').waitFor();
    await page.keyboard.type('Молочка на неделю');
    await page.keyboard.press('Enter');
    await page.getByTestId('template-name').waitFor({ state: 'detached' });

    await page.keyboard.press('Alt+3');
    await page.locator('[data-testid="template-row"][data-name="Молочка на неделю"]').waitFor();
    await tabTo(page, 'template-row');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="app"][data-screen="order"]').waitFor();
    expect(await page.getByTestId('order-origin').innerText()).toContain('Молочка на неделю');
    await order.waitForLine(milk.code, 36);
    await order.waitForLine(chocolate.code, 40);

    // Suggestions for a fresh draft: F7, accept all with Enter.
    await tabTo(page, 'new-draft');
    await page.keyboard.press('Enter');
    await order.empty.waitFor();
    await page.keyboard.press('F7');
    const suggestion = page.locator(`[data-testid="suggestion"][data-code="${milk.code}"]`);
    await suggestion.waitFor();
    const proposed = Number(await suggestion.getAttribute('data-quantity'));
    expect(proposed % milk.packMultiple).toBe(0);
    await tabTo(page, 'suggestions-accept');
    await page.keyboard.press('Enter');
    await order.waitForLine(milk.code, proposed);
    await order.waitForLine(chocolate.code, 40);
  });
});

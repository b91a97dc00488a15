import { afterEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { readPorterConfirmation } from '../../electron/core/formats/porterJson/confirmationFile';
import type { OrderConfirmation } from '../../shared/exchange';
import { tempDataDir } from '../builders/dataDir';
import { at, managerCore, takeIn } from '../builders/managerBatches';

const open: { core: PorterCore; remove: () => void }[] = [];
afterEach(() => {
  for (const { core, remove } of open.splice(0)) {
    core.close();
    remove();
  }
});

async function started(): Promise<PorterCore> {
  const dir = tempDataDir('porter-merged-answers');
  const core = await managerCore(dir.dir);
  open.push({ core, remove: dir.remove });
  return core;
}

/** What each answer file says, by order number: status and each line's ordered → confirmed quantity. */
function answersOf(files: readonly { fileName: string; content: string | null }[]): Map<string, OrderConfirmation> {
  return new Map(
    files.map((f) => {
      const { confirmation } = readPorterConfirmation(f.content!, f.fileName);
      return [confirmation.orderNumber, confirmation];
    }),
  );
}
const lineStates = (c: OrderConfirmation) => c.lines.map((l) => [l.itemCode, l.orderedQuantity, l.confirmedQuantity, l.state]);

describe('answering the stores for merged and split orders', () => {
  it('a merge answers each store order it joined, sharing each item out in arrival order', async () => {
    const core = await started();
    const [first, second, third] = takeIn(core, [
      {
        store: 'S-001',
        number: '501',
        receivedAt: at(0),
        deliveryDate: '2026-12-03',
        lines: [
          { code: 'M-001', quantity: 24 },
          { code: 'C-002', quantity: 2 },
        ],
      },
      {
        store: 'S-001',
        number: '502',
        receivedAt: at(30),
        deliveryDate: '2026-12-03',
        lines: [
          { code: 'M-001', quantity: 12 },
          { code: 'T-002', quantity: 6 },
        ],
      },
      { store: 'S-001', number: '503', receivedAt: at(60), deliveryDate: '2026-12-03', lines: [{ code: 'T-002', quantity: 12 }] },
    ]) as [number, number, number];
    await core.api.applyBatchAction({ kind: 'merge', orderIds: [first, second, third] });
    const merged = await core.api.getReceivedOrder({ id: first });
    const milk = merged.lines.find((l) => l.itemCode === 'M-001')!;
    expect(milk.quantity).toBe(36);
    // Only 24 of the 36 can go: the earliest order's line is served first.
    await core.api.editReceivedLine({ id: first, lineNumber: milk.lineNumber, quantity: 24, reason: 'stock' });
    await expect(core.api.answerStore({ id: second })).rejects.toThrow(/501 is new: accept or reject it/);
    await core.api.applyBatchAction({ kind: 'accept', orderIds: [first] });

    // Asking from a merged-away order answers the whole group too.
    const result = await core.api.answerStore({ id: third });
    expect(result.answerFiles).toHaveLength(3);
    const answers = answersOf(result.answerFiles);
    expect(lineStates(answers.get('501')!)).toEqual([
      ['M-001', 24, 24, 'confirmed'],
      ['C-002', 2, 2, 'confirmed'],
    ]);
    expect(answers.get('501')!.status).toBe('accepted');
    expect(lineStates(answers.get('502')!)).toEqual([
      ['M-001', 12, 0, 'cut'],
      ['T-002', 6, 6, 'confirmed'],
    ]);
    expect(answers.get('502')!.status).toBe('partiallyAccepted');
    expect(lineStates(answers.get('503')!)).toEqual([['T-002', 12, 12, 'confirmed']]);
    const answered = await core.api.getReceivedOrder({ id: second });
    expect(answered.changes.at(-1)).toMatchObject({ field: 'answer', newValue: 'partiallyAccepted' });
  });

  it('a split answers its store order line by line from the parts, once every part is decided', async () => {
    const core = await started();
    const [original] = takeIn(core, [
      {
        store: 'S-002',
        number: '701',
        receivedAt: at(5),
        lines: [
          { code: 'M-001', quantity: 24 },
          { code: 'C-001', quantity: 40 },
          { code: 'T-001', quantity: 2 },
        ],
      },
    ]) as [number];
    await core.api.applyBatchAction({ kind: 'splitByCategory', orderIds: [original] });
    const parts = (await core.api.listReceivedOrders({})).orders.filter((o) => o.number.startsWith('701/'));
    expect(parts).toHaveLength(3);
    const partWith = async (code: string) => {
      for (const p of parts) if ((await core.api.getReceivedOrder({ id: p.id })).lines.some((l) => l.itemCode === code)) return p.id;
      throw new Error(`no part holds ${code}`);
    };
    const [dairy, sweets, season] = [await partWith('M-001'), await partWith('C-001'), await partWith('T-001')];
    const dairyLine = (await core.api.getReceivedOrder({ id: dairy })).lines[0]!;
    await core.api.editReceivedLine({ id: dairy, lineNumber: dairyLine.lineNumber, quantity: 12, reason: 'stock' });
    await core.api.applyBatchAction({ kind: 'accept', orderIds: [dairy, sweets] });
    await expect(core.api.answerStore({ id: dairy })).rejects.toThrow(/701\/\d is new: accept or reject it/);
    await core.api.applyBatchAction({ kind: 'reject', orderIds: [season], reason: 'out of season' });

    const result = await core.api.answerStore({ id: sweets });
    expect(result.answerFiles).toHaveLength(1);
    const answer = answersOf(result.answerFiles).get('701')!;
    expect(answer.status).toBe('partiallyAccepted');
    expect(lineStates(answer)).toEqual([
      ['M-001', 24, 12, 'cut'],
      ['C-001', 40, 40, 'confirmed'],
      ['T-001', 2, 0, 'cut'],
    ]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/porter';
import { tempDataDir } from '../builders/dataDir';
import { DAIRY_AND_MORE, writeListedPriceList } from '../builders/orderPriceLists';

const work = tempDataDir('porter-order-cli');
afterAll(() => work.remove());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out, err };
}

describe('order commands', () => {
  it('add-lines, submit-order and history work together; a sent order cannot be changed', async () => {
    const dataDir = path.join(work.dir, 'data');
    const prices = writeListedPriceList(path.join(work.dir, 'prices.csv'), DAIRY_AND_MORE);
    expect((await cli(['import-pricelist', prices, '--data-dir', dataDir])).code).toBe(0);
    const lines = path.join(work.dir, 'lines.csv');
    fs.writeFileSync(lines, 'Код;Количество\n000123;24\n4600000000039;1\n999;5\n');

    const added = await cli(['add-lines', lines, '--data-dir', dataDir]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^Order P-000001: 2 lines added/);
    expect(added.out).toContain('row 4, 999: not in the current price list');

    const draft = JSON.parse((await cli(['draft', '--data-dir', dataDir, '--json'])).out) as { id: string };
    const submitted = await cli(['submit-order', draft.id, '--data-dir', dataDir, '--json']);
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.out)).toMatchObject({ status: 'submitted', number: 'P-000001' });

    const history = JSON.parse((await cli(['history', '--data-dir', dataDir, '--json'])).out) as { number: string; lineCount: number }[];
    expect(history).toMatchObject([{ number: 'P-000001', lineCount: 2 }]);

    const again = await cli(['submit-order', draft.id, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^porter: Order P-000001 was sent and can no longer be changed\n$/);
    // The next draft is a new order.
    expect((await cli(['set-quantity', '000300', '1', '--data-dir', dataDir])).out).toMatch(/^Order P-000002:/);
  });
});

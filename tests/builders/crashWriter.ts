// The process the crash soak kills: it imports a price list when there is none (and now and then
// again), then writes orders — each one's lines in one transaction, then sent — and prints
// `ACK <orderId> <lines>` only after the core has committed it. Built to out/node/crashWriter.js.
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/core';

const [dataDir, priceList, linesPerOrder = '5'] = process.argv.slice(2) as [string, string, string?];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const core = await createCore({ dataDir });
const state = await core.api.getStartupState({});
if (state.state !== 'ready') {
  say(`RECOVERY ${JSON.stringify(state)}`);
  process.exit(3);
}
if (!core.priceLists.current || Math.random() < 0.1) {
  say('IMPORT');
  await core.priceLists.importFile(priceList, path.basename(priceList));
  say('IMPORTED');
}
const codes = core.priceLists.current!.search('', 0, 500).items.map((item) => item.code);
const count = Number(linesPerOrder);
for (;;) {
  const draft = await core.api.createDraft({});
  const start = Math.floor(Math.random() * (codes.length - count));
  const lines = codes.slice(start, start + count).map((itemCode, i) => ({ itemCode, quantity: (i + 1) * 12 }));
  await core.api.setOrderLineQuantities({ orderId: draft.id, lines });
  const sent = await core.api.submitOrder({ orderId: draft.id });
  say(`ACK ${sent.id} ${sent.lines.length}`);
}

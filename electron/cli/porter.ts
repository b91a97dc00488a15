import fs from 'node:fs';
import path from 'node:path';
import { describeLocation, PorterError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { createCore, type PorterCore } from '../core/core';
import { toErrorData } from '../core/dispatch';
import { defaultDataDir } from '../core/paths';

const USAGE = `Usage: porter <command> [arguments] [--data-dir DIR] [--json]

Commands:
  import-pricelist FILE          import a price list (CSV or XLSX) and make it current
  search TEXT [--limit N]        search the current price list by name, code or barcode
  draft                          show the current draft order
  set-quantity CODE QUANTITY     set an item's quantity in the current draft (0 removes it)
  export-order ORDER_ID FILE     write an order as a Porter order file (JSON); a draft moves to the history
  add-lines FILE                 add lines from a CSV or XLSX file (code or barcode, quantity) to the current draft
  submit-order ORDER_ID          send a draft: it becomes read-only and appears in the history
  history [--limit N]            sent orders, newest first
`;

interface Parsed {
  command: string;
  positional: string[];
  dataDir: string;
  json: boolean;
  limit: number;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  let dataDir = defaultDataDir();
  let json = false;
  let limit = 20;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--data-dir') dataDir = requireValue(argv, ++i, '--data-dir');
    else if (arg === '--limit') limit = Number(requireValue(argv, ++i, '--limit'));
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
  const [command = '', ...rest] = positional;
  return { command, positional: rest, dataDir: path.resolve(dataDir), json, limit };
}

function requireValue(argv: string[], i: number, flag: string): string {
  const value = argv[i];
  if (value === undefined) throw new UsageError(`${flag} needs a value`);
  return value;
}

class UsageError extends Error {}

type Print = (human: string, data: unknown) => void;

const COMMANDS: Record<string, { args: number; run: (core: PorterCore, args: string[], p: Parsed, print: Print) => Promise<void> }> = {
  'import-pricelist': {
    args: 1,
    run: async (core, [file], _p, print) => {
      const filePath = path.resolve(file!);
      if (!fs.existsSync(filePath)) throw new PorterError('FILE_UNREADABLE', `${file}: no such file`, { file });
      const report = await core.priceLists.importFile(filePath, path.basename(filePath));
      const rejectedCount = report.rejected.length + report.rejectedNotListed;
      const lines = [`Imported ${report.items} items in ${report.categories} categories from ${path.basename(filePath)}.`];
      if (rejectedCount > 0) {
        lines.push(`Rejected ${rejectedCount} rows:`);
        for (const r of report.rejected) lines.push(`  row ${r.row}, ${r.field}: ${r.reason}`);
        if (report.rejectedNotListed > 0) lines.push(`  … and ${report.rejectedNotListed} more`);
      }
      print(lines.join('\n'), {
        items: report.items,
        categories: report.categories,
        rejected: report.rejected.map(({ row, field, reason }) => ({ row, field, reason })),
        rejectedNotListed: report.rejectedNotListed,
        priceListId: report.priceList.id,
      });
    },
  },
  search: {
    args: 1,
    run: async (core, [text], p, print) => {
      const result = await core.api.searchItems({ query: text!, offset: 0, limit: p.limit });
      const human = result.items
        .map((i) => `${i.code}\t${i.name}\t${i.barcode}\t${formatMoney(i.priceKopecks)}\t${i.unit}\t${i.category}`)
        .join('\n');
      print(human || 'Nothing found.', result.items);
    },
  },
  draft: {
    args: 0,
    run: async (core, _a, _p, print) => {
      const order = await core.api.getCurrentDraft({});
      const human = [`Order ${order.number} (${order.id}), ${order.lines.length} lines, total ${formatMoney(order.totals.grossKopecks)}`]
        .concat(order.lines.map((l) => `  ${l.itemCode}\t${l.name}\t${l.quantity} ${l.unit}\t${formatMoney(l.grossKopecks)}`))
        .join('\n');
      print(human, order);
    },
  },
  'set-quantity': {
    args: 2,
    run: async (core, [code, quantityText], _p, print) => {
      const quantity = Number(quantityText);
      if (!Number.isInteger(quantity) || quantity < 0) throw new UsageError(`QUANTITY must be a whole number, not "${quantityText}"`);
      const draft = await core.api.getCurrentDraft({});
      const order = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: code!, quantity });
      print(`Order ${order.number}: ${code} × ${quantity}; total ${formatMoney(order.totals.grossKopecks)}`, order);
    },
  },
  'export-order': {
    args: 2,
    run: async (core, [orderId, file], _p, print) => {
      const exported = await core.api.exportOrder({ orderId: orderId! });
      const target = path.resolve(file!);
      fs.writeFileSync(target, exported.content);
      print(`Order written to ${target}`, { file: target, fileName: exported.fileName });
    },
  },
  'add-lines': {
    args: 1,
    run: async (core, [file], _p, print) => {
      const filePath = path.resolve(file!);
      if (!fs.existsSync(filePath)) throw new PorterError('FILE_UNREADABLE', `${file}: no such file`, { file });
      const draft = await core.api.getCurrentDraft({});
      const { fileId } = core.files.register(filePath);
      const { order, report } = await core.api.importOrderLines({ orderId: draft.id, fileId });
      const lines = [`Order ${order.number}: ${report.added} lines added; total ${formatMoney(order.totals.grossKopecks)}`];
      for (const u of report.unmatched) lines.push(`  row ${u.row}, ${u.reference || '(empty)'}: ${UNMATCHED_REASONS[u.reason]}`);
      print(lines.join('\n'), { orderId: order.id, ...report });
    },
  },
  'submit-order': {
    args: 1,
    run: async (core, [orderId], _p, print) => {
      const order = await core.api.submitOrder({ orderId: orderId! });
      print(`Order ${order.number} submitted: ${order.lines.length} lines, total ${formatMoney(order.totals.grossKopecks)}`, order);
    },
  },
  history: {
    args: 0,
    run: async (core, _a, p, print) => {
      const { orders } = await core.api.listOrderHistory({ query: '', limit: p.limit });
      const human = orders
        .map(
          (o) =>
            `${o.number}\t${o.status}\t${o.submittedAt ?? o.exportedAt ?? ''}\t${o.lineCount} lines\t${formatMoney(o.grossKopecks)}\t${o.id}`,
        )
        .join('\n');
      print(human || 'No orders sent yet.', orders);
    },
  },
};

const UNMATCHED_REASONS = {
  unknownItem: 'not in the current price list',
  invalidQuantity: 'not a whole positive quantity',
  unreadable: 'not an order line',
} as const;

export async function runCli(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
    const spec = COMMANDS[parsed.command];
    if (!spec) throw new UsageError(parsed.command ? `unknown command ${parsed.command}` : '');
    if (parsed.positional.length !== spec.args) throw new UsageError(`${parsed.command} takes ${spec.args} argument(s)`);
  } catch (error) {
    const message = (error as Error).message;
    err(message ? `porter: ${message}\n${USAGE}` : USAGE);
    return 2;
  }
  const print: Print = (human, data) => out(parsed.json ? JSON.stringify(data) + '\n' : human + '\n');
  let core: PorterCore | null = null;
  try {
    // One command and out: no background price list sync racing the command's own work.
    core = await createCore({ dataDir: parsed.dataDir, exchange: { priceListSyncIntervalMs: 0 } });
    await COMMANDS[parsed.command]!.run(core, parsed.positional, parsed, print);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`porter: ${error.message}\n`);
      return 2;
    }
    const data = toErrorData(error);
    const where = describeLocation(data.details);
    err(
      parsed.json
        ? JSON.stringify({ error: data }) + '\n'
        : `porter: ${data.message}${where && !data.message.includes(where) ? ` (${where})` : ''}\n`,
    );
    return 1;
  } finally {
    core?.close();
  }
}

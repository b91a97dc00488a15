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
  export-order ORDER_ID FILE     write an order as a Porter order file (JSON)
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
};

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
    core = await createCore({ dataDir: parsed.dataDir });
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

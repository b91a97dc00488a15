import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PorterError } from '../../../shared/errors';
import { orderConfirmationSchema, type ConfirmationLine, type OrderConfirmation, type SupplierOrderStatus } from '../../../shared/exchange';
import type { AnswerFile, ReceivedOrderDetail } from '../../../shared/manager';
import { isVatRate, type VatRate } from '../../../shared/money';
import {
  confirmationTotals,
  porterConfirmationFile,
  porterConfirmationFileName,
  serializePorterConfirmation,
} from '../formats/porterJson/confirmationFile';
import { fieldPath } from '../formats/porterJson/porterJsonFile';
import { APP_VERSION } from '../version';
import type { LineAnswer } from '../exchange/server/inbox';
import { OUTGOING_DIR } from '../exchange/client/folderConfirmations';

/** Where answers to stores that order by file go, inside the supplier's exchange folder. */

/**
 * The Porter confirmation of an order that came as a file: every line as ordered next to what the
 * manager confirms (the same answers the exchange API sends, answerPlan.ts), and the status
 * that follows from them. A line whose order states no valid VAT rate takes the current price list's.
 */
export function fileConfirmation(
  order: ReceivedOrderDetail,
  answers: readonly LineAnswer[],
  vatRateOf: (itemCode: string) => VatRate | null,
  confirmedAt: string,
): OrderConfirmation {
  const byLine = new Map(answers.map((a) => [a.lineNumber, a]));
  const lines = order.lines.map((line): ConfirmationLine => {
    const answer = byLine.get(line.lineNumber);
    const confirmedQuantity = answer ? answer.confirmedQuantity : line.orderedQuantity;
    const vatRate = line.vatRate !== null && isVatRate(line.vatRate) ? line.vatRate : vatRateOf(line.itemCode);
    if (vatRate === null) {
      throw new PorterError(
        'INVALID_INPUT',
        `Order ${order.number}, line ${line.lineNumber} (${line.itemCode}): no VAT rate Porter can state` +
          `${line.vatRate === null ? '' : ` (the order says ${line.vatRate} %)`}, and the item is not in the current price list`,
        { field: 'vatRate', row: line.lineNumber },
      );
    }
    return {
      lineNumber: line.lineNumber,
      itemCode: line.itemCode,
      orderedQuantity: line.orderedQuantity,
      state: confirmedQuantity < line.orderedQuantity ? 'cut' : 'confirmed',
      confirmedQuantity,
      priceKopecks: answer?.priceKopecks ?? line.orderedPriceKopecks,
      vatRate,
      replacement: null,
      comment: '',
    };
  });
  const status: SupplierOrderStatus = lines.every((l) => l.confirmedQuantity === 0)
    ? 'rejected'
    : lines.every((l) => l.state === 'confirmed')
      ? 'accepted'
      : 'partiallyAccepted';
  const parsed = orderConfirmationSchema.safeParse({
    orderId: order.orderId,
    orderNumber: order.number,
    confirmationId: crypto.randomUUID(),
    confirmedAt,
    status,
    supplierNumber: '',
    deliveryDate: order.deliveryDate,
    comment: order.stateReason,
    pricesIncludeVat: order.pricesIncludeVat,
    lines,
    totals: confirmationTotals(lines, order.pricesIncludeVat),
  } satisfies OrderConfirmation);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path);
    const line = issue.path[0] === 'lines' && typeof issue.path[1] === 'number' ? lines[issue.path[1]] : undefined;
    throw new PorterError(
      'INVALID_INPUT',
      `Order ${order.number}${line ? `, line ${line.lineNumber}` : ''}: the answer cannot be written (${field}: ${issue.message})`,
      { field, ...(line ? { row: line.lineNumber } : {}) },
    );
  }
  return parsed.data;
}

/**
 * The confirmation as a Porter file: written into `<folder>/outgoing/` when the supplier has an exchange
 * folder (complete or not at all: written aside, flushed, renamed), otherwise handed back for the shell to save.
 */
export function deliverConfirmationFile(confirmation: OrderConfirmation, folder: string, exportedAt: string): AnswerFile {
  const fileName = porterConfirmationFileName(confirmation);
  const content = serializePorterConfirmation(porterConfirmationFile(confirmation, exportedAt, APP_VERSION));
  if (folder.trim() === '') return { fileName, savedTo: null, content };
  const dir = path.join(folder, OUTGOING_DIR);
  const target = path.join(dir, fileName);
  // A dot-name: whoever watches outgoing/ ignores it until it is complete.
  const partial = path.join(dir, `.porter-${crypto.randomUUID()}.partial`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const handle = fs.openSync(partial, 'wx');
    try {
      fs.writeFileSync(handle, content, 'utf8');
      fs.fsyncSync(handle);
    } finally {
      fs.closeSync(handle);
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new PorterError(
      'EXCHANGE_FOLDER_UNAVAILABLE',
      `Cannot write the answer to order ${confirmation.orderNumber} into ${dir}: ${(error as Error).message}`,
      { file: target },
    );
  }
  return { fileName, savedTo: target, content: null };
}

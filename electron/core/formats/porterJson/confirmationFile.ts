import {
  PORTER_CONFIRMATION_FORMAT,
  PORTER_FILE_VERSION,
  porterConfirmationFileSchema,
  type OrderConfirmation,
  type PorterConfirmationFile,
} from '../../../../shared/exchange';
import { orderTotals } from '../../../../shared/money';
import { fileFieldError, readPorterJson } from './porterJsonFile';

/**
 * Porter's confirmation file, version 1 (docs/schemas/porter-confirmation.v1.schema.json): the
 * supplier's answer to one order, line by line (confirmed / cut / replaced), and the order's status.
 */
export function porterConfirmationFile(confirmation: OrderConfirmation, exportedAt: string, appVersion: string): PorterConfirmationFile {
  return { format: PORTER_CONFIRMATION_FORMAT, version: PORTER_FILE_VERSION, generator: `Porter ${appVersion}`, exportedAt, confirmation };
}

/** Totals of the confirmed quantities at the confirmed prices, VAT rounded per line (as orders are). */
export function confirmationTotals(lines: OrderConfirmation['lines'], pricesIncludeVat: boolean): OrderConfirmation['totals'] {
  const { netKopecks, vatKopecks, grossKopecks } = orderTotals(
    lines.map((line) => ({ priceKopecks: line.priceKopecks, quantity: line.confirmedQuantity, vatRate: line.vatRate })),
    pricesIncludeVat,
  );
  return { netKopecks, vatKopecks, grossKopecks };
}

export function porterConfirmationFileName(confirmation: Pick<OrderConfirmation, 'orderNumber' | 'orderId' | 'confirmationId'>): string {
  // Order and confirmation ids in the name: the same answer delivered twice is recognisably the same file.
  return `porter-confirmation-${confirmation.orderNumber.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${confirmation.orderId}-${confirmation.confirmationId}.json`;
}

export function serializePorterConfirmation(file: PorterConfirmationFile): string {
  return JSON.stringify(porterConfirmationFileSchema.parse(file), null, 2) + '\n';
}

export function readPorterConfirmation(text: string, fileName: string): PorterConfirmationFile {
  const file = readPorterJson(text, fileName, PORTER_CONFIRMATION_FORMAT, PORTER_FILE_VERSION, porterConfirmationFileSchema);
  const seen = new Set<number>();
  file.confirmation.lines.forEach((line, index) => {
    if (seen.has(line.lineNumber)) {
      throw fileFieldError(fileName, `confirmation.lines[${index}].lineNumber`, `line ${line.lineNumber} is answered twice`);
    }
    seen.add(line.lineNumber);
  });
  return file;
}

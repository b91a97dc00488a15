import { describe, expect, it } from 'vitest';
import { lineOfJsonField, parseFieldPath } from '../../electron/core/formats/porterJson/jsonLocation';

const TEXT = [
  '\uFEFF{',
  '  "format": "porter.order",',
  '  "note": "a \\"quoted\\" {brace} [and] , comma",',
  '  "order": {',
  '    "lines": [',
  '      { "itemCode": "1", "tags": [[1, 2], {"x": "]"}] },',
  '      {',
  '        "itemCode": "2",',
  '        "quantity": 1.5',
  '      }',
  '    ],',
  '    "totals": {}',
  '  }',
  '}',
].join('\n');

describe('lineOfJsonField', () => {
  it('finds the line a field starts on, past strings with quotes and brackets and nested arrays', () => {
    expect(parseFieldPath('order.lines[1].quantity')).toEqual(['order', 'lines', 1, 'quantity']);
    expect(lineOfJsonField(TEXT, 'format')).toBe(2);
    expect(lineOfJsonField(TEXT, 'order.lines[0].itemCode')).toBe(6);
    expect(lineOfJsonField(TEXT, 'order.lines[1].quantity')).toBe(9);
    expect(lineOfJsonField(TEXT, 'order.lines[1]')).toBe(7);
    expect(lineOfJsonField(TEXT, 'order.totals')).toBe(12);
  });

  it('places a field the text lacks at the nearest object around it that it has', () => {
    expect(lineOfJsonField(TEXT, 'order.lines[1].priceKopecks')).toBe(7);
    expect(lineOfJsonField(TEXT, 'order.totals.grossKopecks')).toBe(12);
    expect(lineOfJsonField(TEXT, 'order.lines[5].name')).toBe(5);
    expect(lineOfJsonField(TEXT, 'currency')).toBe(1);
  });
});

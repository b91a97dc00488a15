import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '../../shared/domain';
import { ERROR_CODES } from '../../shared/errors';
import { PRICE_LIST_FIELDS } from '../../shared/priceListFields';

// Read as files: the JSON belongs to the renderer's TypeScript project, not to the tests'.
const readFile = (name: string) =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/i18n', name), 'utf8')) as Record<string, string>;
const read = (locale: string) => {
  const merged: Record<string, string> = {};
  for (const file of [
    `${locale}.json`,
    `${locale}.screens.json`,
    `${locale}.manager.json`,
    `${locale}.exchange.json`,
    `${locale}.outputs.json`,
    `${locale}.insights.json`,
  ]) {
    const strings = readFile(file);
    const shared = Object.keys(strings).filter((key) => key in merged);
    if (shared.length > 0) throw new Error(`Keys defined twice for ${locale} (${file}): ${shared.join(', ')}`);
    Object.assign(merged, strings);
  }
  return merged;
};
const ru = read('ru');
const en = read('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI translations', () => {
  it('has the same keys in English as in Russian', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('uses the same {placeholders} in both languages', () => {
    const mismatched = Object.entries(en).filter(([key, text]) => placeholders(text).join() !== placeholders(ru[key] ?? '').join());
    expect(mismatched).toEqual([]);
  });

  it('has no empty strings', () => {
    expect(Object.entries(ru).filter(([, text]) => text.trim() === '')).toEqual([]);
    expect(Object.entries(en).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('translates every error code, rejection code and price list field', () => {
    const keys = new Set(Object.keys(ru));
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...REJECTION_CODES.map((c) => `rejection.${c}`),
      ...PRICE_LIST_FIELDS.map((f) => `field.${f}`),
    ];
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
  });
});

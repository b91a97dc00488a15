import type { MethodName } from '../../shared/contract';

/**
 * The contract's method names, listed by hand: importing shared/contract itself would pull
 * zod into the sandboxed preload, which can load no packages. The type checks below
 * fail the build if a method is added to the contract and not here (or named wrongly),
 * and tests/unit/electronSecurityPolicy.test.ts compares the list with the contract.
 */
export const BRIDGE_METHOD_NAMES = [
  'getAppInfo',
  'setLocale',
  'previewPriceListImport',
  'startPriceListImport',
  'getJob',
  'cancelJob',
  'searchItems',
  'getCurrentDraft',
  'setOrderLineQuantity',
  'exportOrder',
] as const satisfies readonly MethodName[];

type Unlisted = Exclude<MethodName, (typeof BRIDGE_METHOD_NAMES)[number]>;
export const _everyContractMethodIsListed: [Unlisted] extends [never] ? true : Unlisted = true;

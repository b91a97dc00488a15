import type { MethodName } from './contract';

/**
 * The contract's method names, listed by hand: importing shared/contract itself would pull
 * zod into the sandboxed preload (which can load no packages) and into the renderer's bundle. The type checks below
 * fail the build if a method is added to the contract and not here (or named wrongly),
 * and tests/unit/electronSecurityPolicy.test.ts compares the list with the contract.
 */
export const CONTRACT_METHOD_NAMES = [
  'getAppInfo',
  'setLocale',
  'previewPriceListImport',
  'startPriceListImport',
  'getJob',
  'cancelJob',
  'searchItems',
  'listCategories',
  'getStoreProfile',
  'setStoreProfile',
  'getCurrentDraft',
  'listDrafts',
  'createDraft',
  'getOrder',
  'deleteDraft',
  'setOrderDetails',
  'setOrderLineQuantity',
  'setOrderLineQuantities',
  'acceptLinePrice',
  'scanBarcode',
  'pasteOrderLines',
  'importOrderLines',
  'getSuggestions',
  'submitOrder',
  'exportOrder',
  'orderPdf',
  'listOrderHistory',
  'repeatOrder',
  'saveTemplate',
  'listTemplates',
  'deleteTemplate',
  'startFromTemplate',
  // Backups and diagnostics
  'getUpdateSettings',
  'setUpdateSettings',
  'getStartupState',
  'listBackups',
  'createBackup',
  'restoreBackup',
  'startWithEmptyDatabase',
  'saveDiagnostics',
  // Exchange
  'getExchangeSettings',
  'setExchangeSettings',
  'testConnection',
  'listOutbox',
  'retryOutboxEntry',
  'syncConfirmations',
  'getPriceListSync',
  'syncPriceList',
  'getExchangeServer',
  'setExchangeServer',
  'addExchangeStore',
  'revokeExchangeStore',
  'listInbox',
  'confirmInboxOrder',
  'setInboxOrderStatus',
  // Manager mode
  'setAppMode',
  'listReceivedOrders',
  'getReceivedOrder',
  'answerStore',
  'listStores',
  'saveStores',
  'removeStore',
] as const satisfies readonly MethodName[];

type Unlisted = Exclude<MethodName, (typeof CONTRACT_METHOD_NAMES)[number]>;
export const _everyContractMethodIsListed: [Unlisted] extends [never] ? true : Unlisted = true;

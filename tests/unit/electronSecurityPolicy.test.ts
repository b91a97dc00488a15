import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import type { ElectronBridge } from '../../shared/shell';
import { createBridge, type BridgeIpc } from '../../electron/preload/bridge';
import { CONTRACT_METHOD_NAMES } from '../../shared/methodNames';
import {
  EXTERNAL_LINK_ALLOW_LIST,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  navigationDecision,
  permissionDecision,
  windowOpenDecision,
} from '../../electron/main/securityPolicy';

const PACKAGED_APP = 'file:///opt/Porter/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://127.0.0.1:5173/';
const SCHEME_APP = 'app://porter/index.html';
const top = (url: string) => ({ url, isTopFrame: true });

describe('isTrustedSender', () => {
  it('trusts the app page in the top frame, with or without a hash route', () => {
    expect(isTrustedSender(top(PACKAGED_APP), PACKAGED_APP)).toBe(true);
    expect(isTrustedSender(top(`${PACKAGED_APP}#/orders`), PACKAGED_APP)).toBe(true);
    expect(isTrustedSender(top('http://127.0.0.1:5173/orders?x=1'), DEV_APP)).toBe(true);
  });

  it('refuses a frame that is gone (null) or unknown', () => {
    expect(isTrustedSender(null, PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(undefined, PACKAGED_APP)).toBe(false);
  });

  it('refuses a subframe even when it shows the app page', () => {
    expect(isTrustedSender({ url: PACKAGED_APP, isTopFrame: false }, PACKAGED_APP)).toBe(false);
  });

  it('refuses other local files that merely look like the app', () => {
    expect(isTrustedSender(top('file:///evil/index.html'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top('file:///evil/out/renderer/index.html'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top('file:///opt/Porter/resources/app.asar/out/renderer/../../../evil/index.html'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top('file:///opt/Porter/resources/app.asar/out/renderer/index.html.evil'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top('file://evil-host/opt/Porter/resources/app.asar/out/renderer/index.html'), PACKAGED_APP)).toBe(false);
  });

  it('refuses look-alike origins of the dev server', () => {
    for (const url of [
      'http://127.0.0.1.evil.com/',
      'http://127.0.0.1.evil.com:5173/',
      'http://127.0.0.1:5174/',
      'https://127.0.0.1:5173/',
      'http://localhost:5173/',
      'http://127.0.0.1:5173@evil.com/',
      'http://user:pass@127.0.0.1:5173/',
    ]) {
      expect(isTrustedSender(top(url), DEV_APP), url).toBe(false);
    }
  });

  it('refuses look-alike hosts and other schemes when the app has a scheme of its own', () => {
    expect(isTrustedSender(top(`${SCHEME_APP}#/orders`), SCHEME_APP)).toBe(true);
    for (const url of [
      'app://porter.evil/index.html',
      'app://porter.evil/',
      'app://porterx/index.html',
      'app://evil/porter/index.html',
      'app://user@porter/index.html',
      'other://porter/index.html',
      'https://porter/index.html',
      'file:///porter/index.html',
    ]) {
      expect(isTrustedSender(top(url), SCHEME_APP), url).toBe(false);
    }
    // And an app:// page is not the packaged file page.
    expect(isTrustedSender(top('app://porter.evil/index.html'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top(SCHEME_APP), PACKAGED_APP)).toBe(false);
  });

  it('never takes a data:, javascript: or about: URL as the app', () => {
    expect(isTrustedSender(top('data:text/html,hi'), 'data:text/html,hi')).toBe(false);
    expect(isTrustedSender(top('about:blank'), 'about:blank')).toBe(false);
  });

  it('refuses anything that does not parse, and an app URL that does not parse', () => {
    expect(isTrustedSender(top('not a url'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top('about:blank'), PACKAGED_APP)).toBe(false);
    expect(isTrustedSender(top(PACKAGED_APP), '')).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows moving within the app and nothing else', () => {
    expect(isAllowedNavigation(`${PACKAGED_APP}#/settings`, PACKAGED_APP)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', PACKAGED_APP)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', PACKAGED_APP)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', PACKAGED_APP)).toBe(false);
    expect(isAllowedNavigation('data:text/html,<script>1</script>', PACKAGED_APP)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1.evil.com/', DEV_APP)).toBe(false);
  });
});

describe('navigationDecision', () => {
  const allowList = ['https://porter.example.ru'];

  it('lets the window move within the app', () => {
    expect(navigationDecision(`${PACKAGED_APP}#/history`, PACKAGED_APP, allowList)).toEqual({ allow: true, openExternally: false });
  });

  it('cancels every navigation away from the app, handing only an allowed https link to the browser', () => {
    expect(navigationDecision('https://porter.example.ru/help', PACKAGED_APP, allowList)).toEqual({ allow: false, openExternally: true });
    for (const url of [
      'http://porter.example.ru/help',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'app://porter.evil/',
      'not a url',
    ]) {
      expect(navigationDecision(url, PACKAGED_APP, allowList), url).toEqual({ allow: false, openExternally: false });
    }
  });

  it('opens no link at all with the built-in allow-list, which is empty until the supplier site comes from the settings', () => {
    expect(EXTERNAL_LINK_ALLOW_LIST).toEqual([]);
    expect(navigationDecision('https://porter.example.ru/help', PACKAGED_APP)).toEqual({ allow: false, openExternally: false });
  });
});

describe('windowOpenDecision', () => {
  const allowList = ['https://porter.example.ru'];

  it('denies every new window, even one showing the app itself', () => {
    for (const url of [PACKAGED_APP, DEV_APP, 'https://porter.example.ru/help', 'https://evil.example/', 'about:blank', '']) {
      expect(windowOpenDecision(url, allowList).action, url).toBe('deny');
    }
  });

  it('sends only https links on the allow-list to the browser instead', () => {
    expect(windowOpenDecision('https://porter.example.ru/help', allowList).openExternally).toBe(true);
    expect(windowOpenDecision('http://porter.example.ru/help', allowList).openExternally).toBe(false);
    expect(windowOpenDecision('https://porter.example.ru.evil.com/', allowList).openExternally).toBe(false);
    expect(windowOpenDecision(PACKAGED_APP, allowList).openExternally).toBe(false);
    expect(windowOpenDecision('https://porter.example.ru/help').openExternally).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  const allowList = ['https://porter.example.ru'];

  it('opens nothing while the allow-list is empty', () => {
    expect(isAllowedExternalUrl('https://porter.example.ru/help', [])).toBe(false);
  });

  it('opens https pages on an allowed origin', () => {
    expect(isAllowedExternalUrl('https://porter.example.ru/help?topic=import', allowList)).toBe(true);
  });

  it('refuses plain http, other schemes and other ports even for an allowed host', () => {
    expect(isAllowedExternalUrl('http://porter.example.ru/help', allowList)).toBe(false);
    expect(isAllowedExternalUrl('file:///C:/Windows/System32/calc.exe', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://porter.example.ru:8443/', allowList)).toBe(false);
  });

  it('refuses look-alike hosts and credentials tricks', () => {
    expect(isAllowedExternalUrl('https://porter.example.ru.evil.com/', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://porter.example.ru@evil.com/', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.com/?https://porter.example.ru', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://user@porter.example.ru/', allowList)).toBe(false);
  });

  it('ignores an allow-list entry that is not https', () => {
    expect(isAllowedExternalUrl('https://porter.example.ru/', ['http://porter.example.ru'])).toBe(false);
  });

  it('ignores an allow-list entry that is not a bare origin (a path, a query, credentials)', () => {
    for (const entry of [
      'https://porter.example.ru/help',
      'https://porter.example.ru/?x=1',
      'https://user@porter.example.ru',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl('https://porter.example.ru/help', [entry]), entry).toBe(false);
    }
  });
});

describe('permissionDecision', () => {
  it('refuses every web permission', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'pointerLock',
      'midiSysex',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'unknown-future-permission',
      undefined,
    ]) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });
});

describe('preload bridge', () => {
  function fakeIpc() {
    const invoked: { channel: string; args: unknown[] }[] = [];
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc: BridgeIpc = {
      invoke: async (channel, ...args) => {
        invoked.push({ channel, args });
        return { ok: true, value: channel };
      },
      on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
      removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    };
    const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret' }, ...args));
    return { ipc, invoked, emit, listeners };
  }

  it('lists exactly the contract methods', () => {
    expect([...CONTRACT_METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('exposes named functions only, each bound to its own channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge: ElectronBridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(
      [...Object.keys(contract), 'onJobEvent', 'pickOrderFiles', 'pickPriceListFile', 'registerDroppedFiles', 'saveFile'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');

    await bridge.searchItems({ query: 'молоко', offset: 0, limit: 50 });
    await bridge.saveFile('order.json', '{}');
    await bridge.pickPriceListFile();
    expect(invoked).toEqual([
      { channel: 'porter:searchItems', args: [{ query: 'молоко', offset: 0, limit: 50 }] },
      { channel: 'porter:saveFile', args: ['order.json', '{}', 'utf8'] },
      { channel: 'porter:pickPriceListFile', args: [] },
    ]);
  });

  it('saves text as UTF-8 unless told the content is base64 (a PDF)', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    const pdf = Buffer.from('%PDF-1.3 заказ').toString('base64');
    await bridge.saveFile('Porter-order-P-000012.pdf', pdf, 'base64');
    await bridge.saveFile('order.json', '{"заказ":1}', 'utf8');
    expect(invoked).toEqual([
      { channel: 'porter:saveFile', args: ['Porter-order-P-000012.pdf', pdf, 'base64'] },
      { channel: 'porter:saveFile', args: ['order.json', '{"заказ":1}', 'utf8'] },
    ]);
  });

  it('sends dropped files as the paths the preload finds, and refuses files the page made itself', async () => {
    const { ipc, invoked } = fakeIpc();
    const paths = new Map([['order-1.json', '/home/manager/Orders/order-1.json']]);
    const bridge = createBridge(ipc, (file) => paths.get(file.name) ?? '');
    await bridge.pickOrderFiles();
    expect(await bridge.registerDroppedFiles([{ name: 'order-1.json', size: 10 }])).toEqual({
      ok: true,
      value: 'porter:registerDroppedFiles',
    });
    const forged = await bridge.registerDroppedFiles([
      { name: 'order-1.json', size: 10 },
      { name: 'made-up.json', size: 1 },
    ]);
    expect(forged.ok).toBe(false);
    expect(invoked).toEqual([
      { channel: 'porter:pickOrderFiles', args: [] },
      { channel: 'porter:registerDroppedFiles', args: [['/home/manager/Orders/order-1.json']] },
    ]);
  });

  it('delivers job events without the IPC event, and stops after unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const unsubscribe = bridge.onJobEvent((job) => seen.push(job));
    emit('porter:job', { jobId: 'j1', done: 1, total: 2 });
    unsubscribe();
    emit('porter:job', { jobId: 'j1', done: 2, total: 2 });
    expect(seen).toEqual([{ jobId: 'j1', done: 1, total: 2 }]);
    expect(listeners.get('porter:job')?.size).toBe(0);
  });
});

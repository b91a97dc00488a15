/**
 * A store's Porter core in a child process, driven over IPC by the exactly-once tests so they can
 * SIGKILL it at chosen moments (after the local commit, while its request is in the air) and start
 * it again on the same data folder. Run with `node --import tsx`.
 */
import type { PorterCore } from '../../electron/core/core';
import { fastExchange, pending, startStore, submitNewOrder } from './exchangePair';

export type DriverCommand =
  | { cmd: 'start'; dataDir: string; autoStart: boolean; seed: number; connection?: { url: string; token: string } }
  | { cmd: 'submit'; variant: number }
  | { cmd: 'pending' };

export type DriverReply = { ok: true; value: unknown } | { ok: false; error: string };

let core: PorterCore | null = null;

async function run(command: DriverCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'start':
      core = await startStore(
        command.dataDir,
        fastExchange(command.seed, { sender: { autoStart: command.autoStart, maxAttempts: 50 } }),
        command.connection,
      );
      return 'ready';
    case 'submit':
      // Returns after the transaction that submitted the order and queued it has committed.
      return (await submitNewOrder(core!, command.variant)).id;
    case 'pending':
      return pending(core!);
  }
}

process.on('message', (message: DriverCommand) => {
  run(message).then(
    (value) => process.send!({ ok: true, value } satisfies DriverReply),
    (error: unknown) =>
      process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies DriverReply),
  );
});

// Runs one store operation in a process of its own, so a test can SIGKILL a
// real process at a known moment (or hold a data folder from a second
// process). Started by tests/support/storeProcess.ts:
//   node --import jiti/register tests/support/storeChild.ts '<json command>'
// It prints one line per event: READY, COMMITTED <id>, STEP <name>, DONE, FAILED <message>.
import { emptyMeta } from '../../src-shared/article';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { ensureDailyBackup } from '../../src-main/services/store/backups';
import { openStore, type RecoveryStep } from '../../src-main/services/store/openStore';

export type ChildCommand =
  /** Open the store and keep it open until killed. */
  | { op: 'hold'; dataDir: string }
  /** Open a store that needs recovery; SIGKILL itself right after `killAt`. */
  | { op: 'recover'; dataDir: string; now: number; killAt: RecoveryStep | 'never' }
  /** Commit `drafts` drafts (printing each id once committed), then checkpoint the WAL (the test kills it there). */
  | { op: 'checkpoint'; dataDir: string; drafts: number; bodyKb: number }
  /** Take a backup at `now`; SIGKILL itself before its check, or after the first older backup is rotated out. */
  | {
      op: 'backup';
      dataDir: string;
      now: number;
      keep: number;
      killAt: 'before-check' | 'rotating' | 'never';
    };

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

async function run(command: ChildCommand): Promise<void> {
  switch (command.op) {
    case 'hold': {
      openStore({ dataDir: command.dataDir });
      say('READY');
      setInterval(() => undefined, 60_000);
      return;
    }
    case 'recover': {
      const { store } = openStore({
        dataDir: command.dataDir,
        now: () => command.now,
        onRecoveryStep: (step) => {
          say(`STEP ${step}`);
          if (step === command.killAt) die();
        },
      });
      store.close();
      say('DONE');
      return;
    }
    case 'checkpoint': {
      const { store } = openStore({ dataDir: command.dataDir });
      // No automatic checkpoints: the WAL grows until the explicit one below.
      store.db.pragma('wal_autocheckpoint = 0');
      const drafts = createDraftRepository(store.db);
      const filler = 'Paragraph text for the checkpoint test. '.repeat(
        Math.ceil((command.bodyKb * 1024) / 40),
      );
      for (let i = 0; i < command.drafts; i += 1) {
        const { id, body } = drafts.create();
        drafts.save({ id, meta: { ...emptyMeta(), headline: `Committed ${i}` }, body });
        store.db.prepare('UPDATE drafts SET body_text = ? WHERE id = ?').run(`${filler}${i}`, id);
        say(`COMMITTED ${id}`);
      }
      say('STEP checkpoint-start');
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      say('STEP checkpoint-done');
      store.close();
      say('DONE');
      return;
    }
    case 'backup': {
      const { store } = openStore({ dataDir: command.dataDir });
      await ensureDailyBackup({
        db: store.db,
        backupsDir: store.backupsDir,
        now: command.now,
        keep: command.keep,
        beforeCheck: () => {
          say('STEP before-check');
          if (command.killAt === 'before-check') die();
        },
        onRotated: () => {
          say('STEP rotating');
          if (command.killAt === 'rotating') die();
        },
      });
      store.close();
      say('DONE');
      return;
    }
  }
}

run(JSON.parse(process.argv[2] ?? '{}') as ChildCommand).catch((error: unknown) => {
  say(`FAILED ${JSON.stringify(error instanceof Error ? error.message : String(error))}`);
  process.exit(1);
});

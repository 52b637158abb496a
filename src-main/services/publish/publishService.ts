// Publishing as one service: targets, secrets, checks, the outbox worker and
// the IPC handlers for every publish channel. createServices builds it once.
import { DEFAULT_SPAM_LIST } from '../../../src-shared/spamList';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { Draft } from '../../../src-shared/article';
import { parseBody } from '../../../src-shared/body';
import {
  hasBlockingFindings,
  normaliseDomains,
  runChecks,
  type Finding,
} from '../../../src-shared/checks/prePublishChecks';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import type { TargetSummary } from '../../../src-shared/ipc/publishChannels';
import { createPublishAdapters } from './adapters';
import { PublishError } from './publishError';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, redactSecret } from './secretHygiene';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox';
import { targetFingerprint } from './fingerprint';
import { createTargetRepository, type TargetRecord, type TargetRepository } from './targetRepository';
import { TARGET_KIND_LABELS, type PublishAdapter, type SecretStore, type TargetKind } from './types';

export type PublishChannel =
  | 'targets:list'
  | 'targets:save'
  | 'targets:remove'
  | 'targets:setDefault'
  | 'targets:test'
  | 'publish:check'
  | 'publish:start'
  | 'publish:publications'
  | 'publish:getSettings'
  | 'publish:saveSettings'
  | 'outbox:list'
  | 'outbox:retry'
  | 'outbox:cancel'
  | 'publish:openLocal';

export type PublishHandlers = Pick<Handlers, PublishChannel>;

export const DEFAULT_TARGET_NAME = 'Local folder';
export const PUBLISHED_FOLDER_NAME = 'Copydesk Published';
const SPAM_SETTING = 'spamDomains';

export interface PublishServiceOptions {
  db: Database.Database;
  dataDir: string;
  drafts: { get(id: string): Draft };
  secrets: SecretStore;
  readImage(hash: string): Promise<Buffer>;
  now(): number;
  /** Where the default "Local folder" target writes: <documentsDir>/Copydesk Published (default: the data folder). */
  documentsDir?: string;
  /** Test seams: fetch, timers, random, backoff, attempt timeout. */
  outbox?: Partial<
    Pick<OutboxOptions, 'fetch' | 'timers' | 'random' | 'backoff' | 'attemptTimeoutMs' | 'creditFormat'>
  >;
  adapters?: ReadonlyMap<TargetKind, PublishAdapter>;
  /** Opens a local file with the system's default program (Electron: shell.openPath). */
  openPath?(path: string): Promise<void>;
  log?: { error(message: string, error: unknown): void };
}

export interface PublishService {
  handlers: PublishHandlers;
  outbox: Outbox;
  targets: TargetRepository;
  /** Starts the worker (resumes jobs a crash left behind). */
  start(): void;
  stop(): Promise<void>;
}

export function createPublishService(options: PublishServiceOptions): PublishService {
  const { db, secrets, now } = options;
  const adapters = options.adapters ?? createPublishAdapters();
  const targets = createTargetRepository(db, now);
  const outbox = createOutbox({
    db,
    targets,
    adapters,
    secrets,
    drafts: options.drafts,
    readImage: options.readImage,
    now,
    ...(options.log ? { log: options.log } : {}),
    ...options.outbox,
  });

  ensureDefaultTarget(targets, join(options.documentsDir ?? options.dataDir, PUBLISHED_FOLDER_NAME));

  const settings = {
    get: db.prepare<[string], { value_json: string }>(
      `SELECT value_json FROM publish_settings WHERE key = ?`,
    ),
    set: db.prepare<[string, string]>(
      `INSERT INTO publish_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    ),
  };
  const spamDomains = (): string[] => {
    const row = settings.get.get(SPAM_SETTING);
    // Until a desk saves its own list, the shipped one applies (src-shared/spamList.ts).
    return row ? (JSON.parse(row.value_json) as string[]) : [...DEFAULT_SPAM_LIST];
  };

  const adapterFor = (kind: TargetKind): PublishAdapter => {
    const adapter = adapters.get(kind);
    if (!adapter)
      throw new AppFailure(
        'unsupported',
        `This version of Copydesk cannot publish to ${TARGET_KIND_LABELS[kind]} targets.`,
      );
    return adapter;
  };

  const summary = (target: TargetRecord): TargetSummary => {
    const adapter = adapters.get(target.kind);
    return {
      id: target.id,
      kind: target.kind,
      kindLabel: TARGET_KIND_LABELS[target.kind],
      name: target.name,
      config: plainConfig(target.config),
      isDefault: target.isDefault,
      hasSecret: safeHasSecret(secrets, target.id),
      needsSecret: adapter?.needsSecret ?? false,
      createdAt: target.createdAt,
      updatedAt: target.updatedAt,
    };
  };

  const validConfig = (kind: TargetKind, config: Record<string, unknown>): Record<string, unknown> => {
    const parsed = adapterFor(kind).configSchema.safeParse(config);
    if (!parsed.success) {
      throw new AppFailure('invalid_input', parsed.error.issues.map((issue) => issue.message).join(' '));
    }
    return parsed.data as Record<string, unknown>;
  };

  const checkDraft = (draftId: string): Finding[] => {
    const draft = options.drafts.get(draftId);
    let root;
    try {
      root = parseBody(draft.body).editorState.root;
    } catch (error) {
      throw new AppFailure(
        'invalid_input',
        error instanceof Error ? error.message : 'The article body cannot be read.',
      );
    }
    return runChecks({ meta: draft.meta, body: root }, { spamDomains: spamDomains() });
  };

  const handlers: PublishHandlers = {
    'targets:list': () => ({
      targets: targets.list().map(summary),
      secretStore: { kind: secrets.kind, warning: secrets.warning },
    }),
    'targets:save': (input) => {
      const secret = input.secret === undefined ? undefined : cleanSecret(input.secret);
      const config = validConfig(input.kind, input.config);
      let target: TargetRecord;
      if (input.id) {
        const existing = targets.get(input.id);
        if (existing.kind !== input.kind) {
          throw new AppFailure('invalid_input', 'A target cannot change its kind. Add a new target instead.');
        }
        target = targets.update(input.id, { name: input.name, config });
      } else {
        target = targets.create({ kind: input.kind, name: input.name, config });
      }
      if (input.secret !== undefined) secrets.set(target.id, secret ?? '');
      else if (input.clearSecret) secrets.delete(target.id);
      return summary(targets.get(target.id));
    },
    'targets:remove': ({ id }) => {
      targets.remove(id);
      secrets.delete(id);
      return {};
    },
    'targets:setDefault': ({ id }) => {
      targets.setDefault(id);
      return {};
    },
    'targets:test': async (input) => {
      const saved = input.id ? targets.get(input.id) : null;
      // A stored secret only ever goes to its own target's saved kind and address; settings typed
      // in the dialog are tested only with a password or token typed with them.
      const useStored =
        saved !== null && input.secret === undefined && (adapters.get(saved.kind)?.needsSecret ?? false);
      const kind = useStored ? saved.kind : (input.kind ?? saved?.kind);
      if (!kind) throw new AppFailure('invalid_input', 'Choose the target kind to test.');
      const adapter = adapterFor(kind);
      if (useStored) {
        const typed = input.config ? adapter.configSchema.safeParse(input.config) : null;
        const savedConfig = adapter.configSchema.safeParse(saved.config);
        const differs =
          (input.kind !== undefined && input.kind !== saved.kind) ||
          (typed !== null &&
            typed.success &&
            (!savedConfig.success ||
              targetFingerprint(kind, typed.data as Record<string, unknown>) !==
                targetFingerprint(kind, savedConfig.data as Record<string, unknown>)));
        if (differs && adapter.needsSecret) {
          return {
            ok: false,
            message:
              'These settings differ from the saved target, and its stored password or token only goes to the saved address. Save the target first, or type the password or token again to test these settings.',
          };
        }
      }
      // With the stored secret the address is the saved one (checked above); other fields may be as typed.
      const parsed = adapter.configSchema.safeParse(input.config ?? saved?.config ?? {});
      if (!parsed.success)
        return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(' ') };
      let secret: string | null;
      try {
        secret = useStored
          ? (secrets.get(saved.id)?.trim() ?? null)
          : input.secret
            ? cleanSecret(input.secret)
            : null;
      } catch (error) {
        if (error instanceof AppFailure) return { ok: false, message: error.message };
        throw error;
      }
      if (adapter.needsSecret && !secret) return { ok: false, message: 'Enter the password or token first.' };
      if (secret && hasControlCharacter(secret)) return { ok: false, message: CONTROL_CHARACTER_MESSAGE };
      try {
        const message = await adapter.testConnection(parsed.data, secret, {
          fetch: options.outbox?.fetch ?? fetch,
          signal: AbortSignal.timeout(30_000),
          now,
        });
        return { ok: true, message };
      } catch (error) {
        const config = parsed.data as Record<string, unknown>;
        if (error instanceof PublishError)
          return { ok: false, message: redactSecret(error.message, secret, config) };
        throw new AppFailure(
          'internal',
          redactSecret(error instanceof Error ? error.message : String(error), secret, config),
        );
      }
    },
    'publish:check': ({ draftId }) => {
      const findings = checkDraft(draftId);
      return { findings, blocking: hasBlockingFindings(findings) };
    },
    'publish:start': ({ draftId, targetId, scheduledAt }) => {
      const findings = checkDraft(draftId).filter((finding) => finding.severity === 'blocking');
      if (findings.length > 0) {
        throw new AppFailure(
          'invalid_input',
          `The article cannot be published yet: ${findings.map((finding) => finding.message).join(' ')}`,
        );
      }
      const target = targetId ? targets.get(targetId) : targets.getDefault();
      if (!target) throw new AppFailure('invalid_input', 'Add a publish target first ("Publish targets").');
      return outbox.enqueue({ draftId, targetId: target.id, scheduledAt: scheduledAt ?? null });
    },
    'publish:publications': ({ draftId }) => ({
      publications: outbox
        .publications(draftId)
        .map(({ targetId, remoteId, url, revision, publishedAt }) => ({
          targetId,
          remoteId,
          url,
          revision,
          publishedAt,
        })),
    }),
    'publish:getSettings': () => ({ spamDomains: spamDomains() }),
    'publish:saveSettings': ({ spamDomains: domains }) => {
      const normalised = normaliseDomains(domains);
      settings.set.run(SPAM_SETTING, JSON.stringify(normalised));
      return { spamDomains: normalised };
    },
    'outbox:list': ({ draftId }) => ({ jobs: outbox.list(draftId ? { draftId } : {}) }),
    'outbox:retry': ({ jobId }) => outbox.retryNow(jobId),
    'outbox:cancel': ({ jobId }) => outbox.cancel(jobId),
    'publish:openLocal': async ({ url }) => {
      // A page must never open arbitrary files: only what a local-folder publish wrote and recorded.
      const recorded = db.prepare('SELECT 1 FROM publications WHERE url = ? LIMIT 1').get(url) !== undefined;
      if (!recorded || !url.startsWith('file:')) {
        throw new AppFailure('invalid_input', 'Copydesk only opens pages it published to a local folder.');
      }
      const path = fileURLToPath(url);
      if (!existsSync(path)) {
        throw new AppFailure(
          'not_found',
          `The published page is no longer at ${path}. Publish the article again.`,
        );
      }
      if (!options.openPath) {
        throw new AppFailure('unsupported', `Open ${path} in your web browser.`);
      }
      await options.openPath(path);
      return {};
    },
  };

  return {
    handlers,
    outbox,
    targets,
    start: () => outbox.start(),
    stop: () => outbox.stop(),
  };
}

/** A secret as typed or pasted: surrounding whitespace removed; refused when it holds a control character. */
function cleanSecret(raw: string): string {
  const secret = raw.trim();
  if (secret === '') throw new AppFailure('invalid_input', 'The password or token is empty.');
  if (hasControlCharacter(secret)) throw new AppFailure('invalid_input', CONTROL_CHARACTER_MESSAGE);
  return secret;
}

/** A fresh data folder gets one default "Local folder" target. */
function ensureDefaultTarget(targets: TargetRepository, folder: string): void {
  if (targets.list().length > 0) return;
  targets.create({ kind: 'local-folder', name: DEFAULT_TARGET_NAME, config: { folder } });
}

/** The documents folder when the OS has one, else null (then the data folder is used). */
export function defaultDocumentsDir(home: string): string | null {
  const documents = join(home, 'Documents');
  return existsSync(documents) ? documents : null;
}

function plainConfig(config: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(config)) {
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    )
      out[key] = value;
  }
  return out;
}

function safeHasSecret(secrets: SecretStore, id: string): boolean {
  try {
    return secrets.get(id) !== null;
  } catch {
    return false;
  }
}

// Publish targets as rows of publish_targets. Config is non-secret JSON
// validated by the target kind's adapter; secrets live in the SecretStore.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppFailure } from '../../../src-shared/ipc';
import type { TargetKind } from './types';

export interface TargetRecord {
  id: string;
  kind: TargetKind;
  name: string;
  config: Record<string, unknown>;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

interface TargetRow {
  id: string;
  kind: TargetKind;
  name: string;
  config_json: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

export interface TargetRepository {
  list(): TargetRecord[];
  /** Throws AppFailure('not_found') for an unknown id. */
  get(id: string): TargetRecord;
  find(id: string): TargetRecord | null;
  getDefault(): TargetRecord | null;
  create(input: { kind: TargetKind; name: string; config: Record<string, unknown> }): TargetRecord;
  update(id: string, input: { name: string; config: Record<string, unknown> }): TargetRecord;
  remove(id: string): void;
  setDefault(id: string): void;
}

export function createTargetRepository(db: Database.Database, now: () => number): TargetRepository {
  const statements = {
    list: db.prepare<[], TargetRow>(`SELECT * FROM publish_targets ORDER BY is_default DESC, created_at, id`),
    get: db.prepare<[string], TargetRow>(`SELECT * FROM publish_targets WHERE id = ?`),
    getDefault: db.prepare<[], TargetRow>(`SELECT * FROM publish_targets WHERE is_default = 1`),
    insert: db.prepare(
      `INSERT INTO publish_targets (id, kind, name, config_json, is_default, created_at, updated_at)
       VALUES (@id, @kind, @name, @config_json, @is_default, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE publish_targets SET name = @name, config_json = @config_json, updated_at = @now WHERE id = @id`,
    ),
    remove: db.prepare<[string]>(`DELETE FROM publish_targets WHERE id = ?`),
    clearDefault: db.prepare(`UPDATE publish_targets SET is_default = 0 WHERE is_default = 1`),
    makeDefault: db.prepare<[number, string]>(
      `UPDATE publish_targets SET is_default = 1, updated_at = ? WHERE id = ?`,
    ),
    oldest: db.prepare<[], { id: string }>(`SELECT id FROM publish_targets ORDER BY created_at, id LIMIT 1`),
  };

  const find = (id: string): TargetRecord | null => {
    const row = statements.get.get(id);
    return row ? fromRow(row) : null;
  };
  const get = (id: string): TargetRecord => {
    const target = find(id);
    if (!target)
      throw new AppFailure(
        'not_found',
        'That publish target no longer exists. Choose another one in "Publish to".',
      );
    return target;
  };
  const setDefault = db.transaction((id: string) => {
    get(id);
    statements.clearDefault.run();
    statements.makeDefault.run(now(), id);
  });

  return {
    list: () => statements.list.all().map(fromRow),
    get,
    find,
    getDefault() {
      const row = statements.getDefault.get();
      return row ? fromRow(row) : null;
    },
    create(input) {
      const id = randomUUID();
      const isFirst = statements.oldest.get() === undefined;
      statements.insert.run({
        id,
        kind: input.kind,
        name: input.name,
        config_json: JSON.stringify(input.config),
        is_default: isFirst ? 1 : 0,
        now: now(),
      });
      return get(id);
    },
    update(id, input) {
      get(id);
      statements.update.run({ id, name: input.name, config_json: JSON.stringify(input.config), now: now() });
      return get(id);
    },
    remove: db.transaction((id: string) => {
      const target = get(id);
      statements.remove.run(id);
      if (target.isDefault) {
        const next = statements.oldest.get();
        if (next) statements.makeDefault.run(now(), next.id);
      }
    }),
    setDefault,
  };
}

function fromRow(row: TargetRow): TargetRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Schema 2: the media store's index. The bytes live in files named by their
// sha256 under <dataDir>/media; this table records what was imported so the
// shells can serve the right Content-Type and cleanup knows what exists.
// Documents reference images only by hash (src-shared/image.ts).
import type { Migration } from './types';

export const mediaMigration: Migration = {
  version: 2,
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media (
        hash       TEXT    PRIMARY KEY CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
        mime       TEXT    NOT NULL
                   CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif')),
        width      INTEGER NOT NULL CHECK (width > 0),
        height     INTEGER NOT NULL CHECK (height > 0),
        bytes      INTEGER NOT NULL CHECK (bytes > 0),
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

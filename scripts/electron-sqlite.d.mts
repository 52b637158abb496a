export function ensureElectronSqlite(options?: { quiet?: boolean }): { path: string | null; reason: string };

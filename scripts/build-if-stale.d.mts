export const projectRoot: string;
/** Why a build is needed, or null when out/ is current. */
export function staleReason(root?: string): string | null;
/** Runs `electron-vite build` if needed; true when it built. Throws when the build fails. */
export function buildIfStale(options?: { root?: string; quiet?: boolean }): boolean;

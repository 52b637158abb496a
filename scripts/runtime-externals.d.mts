/** The package.json dependencies of the project at `root`. */
export function runtimeDependencies(root: string): string[];
/** Rolldown `external`: each dependency and its subpaths, and every Node built-in. */
export function runtimeExternals(root: string): Array<string | RegExp>;

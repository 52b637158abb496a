// What a Node-side build of the services leaves to node_modules, as
// electron-vite's main build does: the app's runtime dependencies (jsdom, for
// one, resolves files of its own next to its modules and breaks when bundled)
// and Node's built-in modules. Used by the bench's and the tests' own builds.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** The package.json dependencies of the project at `root`. */
export function runtimeDependencies(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {});
}

/** Rolldown `external`: each dependency and its subpaths, and every Node built-in. */
export function runtimeExternals(root) {
  const deps = runtimeDependencies(root);
  return [
    ...deps,
    ...deps.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)),
    ...builtinModules,
    ...builtinModules.map((name) => `node:${name}`),
  ];
}

/** Relative runtime imports of one file, resolved to .ts/.tsx files. */
export function importsOf(file: string, text?: string): string[];
/** Groups of files that import each other round in a circle (Tarjan's strongly connected components). */
export function findCycles(graph: Map<string, string[]>): string[][];

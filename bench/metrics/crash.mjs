export async function crashBench() { return []; }

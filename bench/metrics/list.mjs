export async function listBench() { return []; }

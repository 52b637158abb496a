export async function openBench() { return []; }

export async function publishBench() { return []; }

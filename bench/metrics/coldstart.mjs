export async function coldStartBench() { return []; }

export async function autosaveBench() { return []; }

export async function imagesBench() { return []; }

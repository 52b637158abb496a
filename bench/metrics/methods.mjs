export const METHODS = {};

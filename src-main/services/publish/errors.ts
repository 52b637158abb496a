// Everything about failed publishes in one import: the error type
// (publishError.ts) and the HTTP policy (httpPolicy.ts). New code imports the
// module it needs directly.
export * from './publishError';
export * from './httpPolicy';

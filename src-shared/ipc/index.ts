export * from './define';
export * from './contract';
export * from './appChannels';
export * from './draftChannels';
export * from './imageChannels';
export * from './publishChannels';
export * from './pushEvents';

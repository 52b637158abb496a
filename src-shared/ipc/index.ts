export * from './define';
export * from './contract';
export * from './appChannels';
export * from './draftChannels';
export * from './publishChannels';

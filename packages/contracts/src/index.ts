export * from './topics';
export * from './doc';

export * from './errors.ts';
export * from './fristen.ts';
export * from './ids.ts';
export * from './status.ts';
export * from './user.ts';
export * from './verfahren.ts';
export * from './vorgang.ts';

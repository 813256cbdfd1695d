export { type GuardOptions, localOnly } from './guard';
export { type DemoHooks, type PageAsset, webSurface, type WebSurfaceOptions } from './surface';
export type * from './types';

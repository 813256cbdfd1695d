export { type DemoHooks, type PageAsset, webSurface, type WebSurfaceOptions } from './surface';
export type * from './types';

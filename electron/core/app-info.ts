import pkg from '../../package.json';

/** The application's name and version, from package.json (one source of truth). */
export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;

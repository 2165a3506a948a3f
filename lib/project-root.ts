import * as path from 'node:path';

/** The project root: where package-lock.json and lambda/ live. */
export const PROJECT_ROOT = path.join(__dirname, '..');

/** Where tests find the project: `out/test/paths.js` -> project root (override with IMR_ROOT). */
import * as path from 'path';

export const ROOT = process.env.IMR_ROOT ?? path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const DIST = path.join(ROOT, 'dist');

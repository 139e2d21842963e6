/** The package version (equal to package.json's; test/package-exports.test.ts checks it). */
export const VERSION = '0.1.0';

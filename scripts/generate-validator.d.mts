// Types of generate-validator.mjs, for the tests that import it.
export declare const SCHEMA_FILE: string;
export declare const OUTPUT_FILE: string;
export declare const STEP_REF: string;
export declare class RewriteError extends Error {}
export declare function appendInPlace(code: string): string;
export declare const REWRITES: ReadonlyArray<(code: string) => string>;
export declare function checkRequires(code: string): string;
export declare function withoutStepItems<T>(value: T): T;
export declare function generateValidatorCode(schema: object): string;
export declare function ensureValidator(options?: { force?: boolean }): boolean;

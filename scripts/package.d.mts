// Types of package.mjs, for the packaging test.
export declare const USER_README: string;
export declare function packageVsix(packagePath: string): Promise<void>;

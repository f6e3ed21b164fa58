// Types of build-plugins.mjs, for the tests that import it.
import type { Plugin } from "esbuild";
export declare const lazyCliCommands: Plugin;
export declare const lazyValidators: Plugin;

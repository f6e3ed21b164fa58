// Types of esbuild-plugins.mjs, for the bench and the tests that import it.
import type { Plugin } from "esbuild";
export declare const ROOT: string;
export declare const LAZY_LAYERS: Record<string, string>;
export declare const NOT_IN_CLIENT: RegExp[];
export declare const lazyLayers: Plugin;
export declare const protocolOf: (library: string) => Plugin;
export declare const lazyCliCommands: Plugin;
export declare const engineFromBundle: Plugin;

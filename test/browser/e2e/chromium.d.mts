/** The flags every Concerto script starts Debian's Chromium with (see chromium.mjs). */
export declare const CHROMIUM_ARGS: string[];

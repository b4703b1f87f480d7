export declare function findRoot(from?: string): string;
export declare const ROOT: string;
export declare const CACHE_DIR: string;
export declare function bundle(entry: string): Promise<string>;

export declare const ENV_OVERRIDE: string;
export declare const CHROMIUM_FLAGS: readonly string[];
export declare const SYSTEM_CHROMIUMS: readonly string[];
export declare function findChromium(): { path: string | undefined; source: 'env' | 'playwright' | 'system' } | null;

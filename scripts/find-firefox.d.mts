export declare const FIREFOX_OVERRIDE: string;
export declare const SYSTEM_FIREFOXES: readonly string[];
export declare function findFirefox(): string | null;
export declare const FIREFOX_HINT: string;

export declare const MOSQUITTO_OVERRIDE: string;
export declare const SYSTEM_MOSQUITTOS: readonly string[];
export declare function findMosquitto(): string | null;

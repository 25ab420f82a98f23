export declare const BUDGET: { main: number; subpackage: number };
export declare function packageSizes(): { main: number; subpackages: Record<string, number> };
export declare function checkWeapp(): { pages: string[]; sizes: ReturnType<typeof packageSizes>; problems: string[] };

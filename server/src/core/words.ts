/** Counts in words, for what the extension and the command line show: "1 letter", "3 letters", "1 other copy". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

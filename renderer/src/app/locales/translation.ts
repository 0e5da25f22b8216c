/** The English table of a namespace must have exactly the keys of the Chinese one. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

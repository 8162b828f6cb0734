// Compile-time checks that a declared interface and its schema's output are one type. The
// contract declares its result types as interfaces so editors and the .d.ts files name them
// (`Promise<Store>`), where an alias of `z.infer` is expanded into the schema's whole shape; each
// interface is checked against its schema here, so the two cannot drift. Type-only: no bytes.

/** `true` when `A` and `B` are identical types (not merely assignable to each other). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `type _ = Assert<Same<Store, z.infer<typeof Store>>>`. */
export type Assert<T extends true> = T;

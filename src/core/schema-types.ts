/**
 * Compile-time proof that `Config` (src/types.ts, what TypeScript users write) and `CONFIG`
 * (src/core/schema.ts, what the validator and the JSON Schema check) agree on every field name, its
 * required-ness and its type, at every depth. Type-only: nothing here reaches a bundle. It is checked by
 * `tsc --noEmit -p .` and by test/schema.test.ts; when it fails, the error names `ShapeMatchesConfig`.
 */
import type { Config, Purpose, Text } from '../types';
import type { ArrShape, CONFIG, MapShape, ObjShape } from './schema';

/** The TypeScript type a shape node describes. */
export type FromShape<S> = S extends { t: 'str' }
  ? string
  : S extends { t: 'bool' }
    ? boolean
    : S extends { t: 'int' }
      ? number
      : S extends { t: 'text' }
        ? Text
        : S extends ArrShape<infer E>
          ? FromShape<E>[]
          : S extends MapShape<infer E>
            ? { [key: string]: FromShape<E> }
            : S extends ObjShape<infer P, infer R>
              ? { [K in R]: FromShape<P[K]> } & { [K in Exclude<keyof P, R>]?: FromShape<P[K]> }
              : never;

/** One spelling for one type: intersections flattened, interfaces turned into plain object types. */
type Plain<T> = T extends string | number | boolean | undefined | null ? T : T extends (infer E)[] ? Plain<E>[] : { [K in keyof T]: Plain<T[K]> };

/** Exact type equality (not mere assignability: an optional field missing on one side is a difference). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;

/** `$schema` and `$comment` are allowed in every object and checked nowhere, so `Config` alone declares them. */
type Written = Omit<Config, '$schema' | '$comment'>;
type Walked = FromShape<typeof CONFIG>;

/** The check itself. */
export type ShapeMatchesConfig = Assert<Equal<Plain<Walked>, Plain<Written>>>;

// The check has teeth: a missing field, a field made optional, or a nested change are all differences.
export type CatchesMissingField = Assert<Not<Equal<Plain<Walked>, Plain<Omit<Written, 'gpc'>>>>>;
export type CatchesRequiredness = Assert<Not<Equal<Plain<Walked>, Plain<Written & { language: string }>>>>;
export type CatchesNestedChange = Assert<
  Not<Equal<Plain<Walked>, Plain<Omit<Written, 'purposes'> & { purposes: Omit<Purpose, 'justification'>[] }>>>
>;

// The shape of one schema object and how its catalog lookup binds names, shared by the
// blocks layer (schema-sql.ts) and the bookings layer (bookings-schema.ts).

/**
 * One object of the schema: the idempotent DDL that creates it, and a boolean SQL
 * expression that is true when it exists already, its names bound as parameters by the
 * `bind` given to `schemaObjects`. `migrate` evaluates the expressions first, because
 * PostgreSQL checks the privileges a statement needs before it looks at `if not exists`.
 */
export interface SchemaObject {
  readonly ddl: string;
  readonly exists: string;
}

/**
 * Binds a value (a quoted name for `to_regclass`, …) as the next parameter of the catalog
 * lookup and returns its placeholder, `$n::text`. Never a string literal: under
 * `standard_conforming_strings = off` a backslash in a name would escape the quote that
 * doubling protects, and the name would become SQL.
 */
export type Bind = (value: string) => string;

/** A binder that collects the parameters in order. */
export function catalogParams(): { readonly bind: Bind; readonly params: string[] } {
  const params: string[] = [];
  return { params, bind: (value) => (params.push(value), `$${params.length}::text`) };
}

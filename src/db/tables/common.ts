import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string, defaulted by the database. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column, read as 'YYYY-MM-DD' (the type parser is set in createDb). */
export type LocalDate = string;
export type Id = Generated<number>;
/** jsonb: written as JSON text or a value, read as the parsed value. */
export type Json<T> = ColumnType<T, T | string, T | string>;

// The PostgreSQL adapter's public API (`timeblocks/postgres`). Re-exports only, each by name.
export { schemaSql } from './schema-sql.js';
export { migrate } from './migrate.js';
export type { MigrateOptions } from './migrate.js';
export { saveSeries } from './save-series.js';
export type { SaveSeriesOptions, SaveSeriesResult } from './save-series.js';
export { saveManySeries } from './save-many-series.js';
export type { SaveManySeriesEntry, SaveManySeriesOptions } from './save-many-series.js';
export { regenerate } from './regenerate.js';
export type { RegenerateOptions, RegenerateSummary } from './regenerate.js';
export { cancelSeries } from './cancel-series.js';
export type { CancelSeriesOptions, CancelSeriesSummary } from './cancel-series.js';
export { extendHorizon } from './extend-horizon.js';
export type { ExtendHorizonOptions, ExtendHorizonSummary } from './extend-horizon.js';
export { findStaleBlocks } from './find-stale-blocks.js';
export type { StaleBlocksReport } from './find-stale-blocks.js';
export { reconcileTzdata } from './reconcile-tzdata.js';
export type { ReconcileTzdataOptions, ReconcileTzdataReport, BookedStaleBlock, ClashedStaleBlock } from './reconcile-tzdata.js';
export type { StaleBlocksOptions } from './stale-options.js';
export type { StaleBlock, StaleCheckFailure, InstantSpan } from './stale-blocks.js';
export { setBlockStatus, lockBlock } from './block-status.js';
export type { SetBlockStatusOptions, LockBlockOptions } from './block-status.js';
export { book } from './book.js';
export type { BookOptions } from './book.js';
export { cancelBooking } from './cancel-booking.js';
export { moveBooking } from './move-booking.js';
export type { MoveBookingOptions } from './move-booking.js';
export { listBlocks } from './list-blocks.js';
export type { ListBlocksOptions } from './list-blocks.js';
export { listBookings } from './list-bookings.js';
export type { ListBookingsOptions } from './list-bookings.js';
export { withTransaction } from './with-transaction.js';
export { findFreeSlots } from './find-free-slots.js';
export type { FindFreeSlotsOptions, FreeSlot } from './find-free-slots.js';
export { getSeries } from './get-series.js';
export type { StoredSeries } from './get-series.js';
export type { ReadWindow } from './read-query.js';
export type { HeldBlock } from './held-blocks.js';
export type { Booking, BookingStatus } from './booking.js';

export type { SchemaOptions } from './schema-options.js';
export type { BlockStatus, StoredBlock, BlockRef } from './stored-block.js';
export type {
  Database,
  TransactionHandle,
  PgPoolLike,
  PgPoolClientLike,
  PgClientLike,
  PGliteLike,
  PostgresJsLike,
  PostgresJsTransactionLike,
  KyselyLike,
  CompiledQueryLike,
  Queryable,
  QueryResultLike,
} from './queryable.js';

export { BlockConflictError, DatabaseError, TransactionRetryError, UnexpectedBlockStatusError } from './errors.js';
export type { ExistingBlock } from './errors.js';
export { BookingConflictError, OutsideAvailabilityError } from './booking-errors.js';

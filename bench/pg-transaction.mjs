/** Runs `fn(client)` between BEGIN and COMMIT on one pooled connection; ROLLBACK and rethrow when it fails. */
export async function inTransaction(pool, fn) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await fn(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

package dev.parley.pipeline.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * Runs one pipeline phase in a transaction on one connection: statements of a phase read what the previous ones
 * wrote, and a phase that fails leaves nothing behind. Given a pool, the phase takes a connection and a transaction of
 * its own; given a connection, it joins the transaction open on it, or opens one for the phase.
 *
 * <p>The phase's statements are set-based scans over a whole workspace: the transaction gets memory for hash tables
 * and sorts, and no nested-loop joins (statistics of freshly loaded or just quality-checked claims are often stale,
 * and a nested loop planned on a one-row estimate over a million claims never ends). No parallel workers either: on
 * a small machine each worker rebuilds the same hash tables and the job competes with the service for the cores.
 * JIT compilation costs more than it saves on these plans. The settings are {@code SET LOCAL}: they end with the
 * transaction.
 */
final class PhaseTransaction {

    private static final String SETTINGS = "SELECT set_config('work_mem', '256MB', true),"
            + " set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true),"
            + " set_config('max_parallel_workers_per_gather', '0', true)";

    private PhaseTransaction() {}

    static <T> Uni<T> run(SqlClient client, Function<SqlConnection, Uni<T>> phase) {
        Function<SqlConnection, Uni<T>> configured = connection -> connection.query(SETTINGS).execute()
                .flatMap(ignored -> phase.apply(connection));
        if (client instanceof Pool pool) {
            return pool.withTransaction(configured);
        }
        if (client instanceof SqlConnection connection) {
            if (connection.transaction() != null) {
                return configured.apply(connection);
            }
            return connection.begin().flatMap(tx -> configured.apply(connection)
                    .call(tx::commit)
                    .onFailure().call(failure -> tx.rollback().onFailure().recoverWithNull()));
        }
        throw new IllegalArgumentException("A pipeline phase runs on a Pool or a SqlConnection, not a "
                + client.getClass().getSimpleName());
    }
}

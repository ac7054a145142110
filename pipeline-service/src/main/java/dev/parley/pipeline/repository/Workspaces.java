package dev.parley.pipeline.repository;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves a caller's workspace to its {@code ws_key}: the workspace must be in the token's {@code wks} claim (else
 * 403), and it is looked up under the caller's tenant hash only, so another tenant's workspace of the same name is
 * a different row.
 */
@ApplicationScoped
public class Workspaces {

    private final Pool pool;

    public Workspaces(Pool pool) {
        this.pool = pool;
    }

    /** A resolved workspace. */
    public record Workspace(long wsKey, String tenantHash, String workspaceId) {}

    /** The caller's workspace, created on first use (an upload, a job). */
    public Uni<Workspace> open(Caller caller, String workspaceId) {
        return open(pool, caller, workspaceId);
    }

    /** {@link #open(Caller, String)} on a given connection (inside a transaction). */
    public Uni<Workspace> open(SqlClient client, Caller caller, String workspaceId) {
        allowed(caller, workspaceId);
        return client.preparedQuery("""
                        INSERT INTO workspace (tenant_hash, workspace_id) VALUES ($1, $2)
                        ON CONFLICT (tenant_hash, workspace_id) DO UPDATE SET tenant_hash = EXCLUDED.tenant_hash
                        RETURNING ws_key""")
                .execute(Tuple.of(caller.tenantHash(), workspaceId))
                .map(rows -> new Workspace(rows.iterator().next().getLong("ws_key"), caller.tenantHash(), workspaceId));
    }

    /** The caller's workspace if it exists (reads never create one); a missing one answers 404. */
    public Uni<Workspace> existing(Caller caller, String workspaceId) {
        allowed(caller, workspaceId);
        return pool.preparedQuery("SELECT ws_key FROM workspace WHERE tenant_hash = $1 AND workspace_id = $2")
                .execute(Tuple.of(caller.tenantHash(), workspaceId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(ProblemKind.NOT_FOUND, "This workspace has no data yet.");
                    }
                    Row row = rows.iterator().next();
                    return new Workspace(row.getLong("ws_key"), caller.tenantHash(), workspaceId);
                });
    }

    /** The caller's workspace if it exists, else null (a workspace with no data yet reads as empty). */
    public Uni<Workspace> find(Caller caller, String workspaceId) {
        allowed(caller, workspaceId);
        return pool.preparedQuery("SELECT ws_key FROM workspace WHERE tenant_hash = $1 AND workspace_id = $2")
                .execute(Tuple.of(caller.tenantHash(), workspaceId))
                .map(rows -> rows.size() == 0 ? null
                        : new Workspace(rows.iterator().next().getLong("ws_key"), caller.tenantHash(), workspaceId));
    }

    /** Refuses (403) a workspace the token does not grant; the shared mapper audits it as {@code access.denied}. */
    public static void allowed(Caller caller, String workspaceId) {
        if (!caller.mayUse(workspaceId)) {
            throw new io.quarkus.security.ForbiddenException("The token does not grant this workspace.");
        }
    }
}

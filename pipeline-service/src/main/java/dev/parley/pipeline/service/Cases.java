package dev.parley.pipeline.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.domain.CaseStatus;
import dev.parley.pipeline.domain.Views;
import dev.parley.pipeline.repository.WorkspaceQueries;
import dev.parley.pipeline.repository.Workspaces;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * What analysts do to cases: move a case's status, assign it, comment on it. Each change commits with its audit event
 * (ids and enum names; never a comment's text or an assignee's name). Cases are never deleted through the API.
 */
@ApplicationScoped
public class Cases {

    static final String NOT_FOUND = "This workspace has no such case.";

    private final Pool pool;
    private final Workspaces workspaces;
    private final WorkspaceQueries queries;
    private final AuditOutbox outbox;

    public Cases(Pool pool, Workspaces workspaces, WorkspaceQueries queries, AuditOutbox outbox) {
        this.pool = pool;
        this.workspaces = workspaces;
        this.queries = queries;
        this.outbox = outbox;
    }

    /**
     * Sets a case's status and/or assignee (an empty assignee unassigns); the case as it is now. Audited as
     * {@code case.status.changed} and/or {@code case.assigned}.
     */
    public Uni<Views.CaseDetail> update(Caller caller, String workspaceId, String caseId, CaseStatus status,
            String assignee) {
        return workspaces.existing(caller, workspaceId).flatMap(ws -> pool.withTransaction(tx -> tx.preparedQuery("""
                                SELECT status, assignee FROM investigation_case WHERE ws_key = $1 AND case_id = $2 FOR UPDATE""")
                        .execute(Tuple.of(ws.wsKey(), caseId))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND);
                            }
                            CaseStatus before = CaseStatus.parse(rows.iterator().next().getString("status"));
                            String newAssignee = assignee == null ? rows.iterator().next().getString("assignee")
                                    : assignee.isBlank() ? null : assignee.strip();
                            CaseStatus newStatus = status == null ? before : status;
                            return tx.preparedQuery("""
                                            UPDATE investigation_case SET status = $3, assignee = $4, updated_at = $5
                                            WHERE ws_key = $1 AND case_id = $2""")
                                    .execute(Tuple.tuple(Arrays.asList(ws.wsKey(), caseId, newStatus.wire(), newAssignee,
                                            Instant.now().atOffset(ZoneOffset.UTC))))
                                    .call(updated -> status == null || status == before ? Uni.createFrom().voidItem()
                                            : outbox.add(tx, caller, "case.status.changed", "case", caseId,
                                                    AuditEvent.Outcome.SUCCESS, AuditDetails.builder().kind("from", before)
                                                            .kind("to", newStatus).build()))
                                    .call(updated -> assignee == null ? Uni.createFrom().voidItem()
                                            : outbox.add(tx, caller, "case.assigned", "case", caseId,
                                                    AuditEvent.Outcome.SUCCESS, AuditDetails.builder()
                                                            .flag("assigned", newAssignee != null).build()));
                        }))
                .invoke(done -> queries.statsChanged(ws.wsKey()))
                .flatMap(done -> queries.caseDetail(ws.wsKey(), caseId)));
    }

    /** Adds a comment to a case; audited as {@code case.comment.added} (without its text). */
    public Uni<Views.Comment> comment(Caller caller, String workspaceId, String caseId, String body) {
        UUID id = UuidV7.next();
        Instant now = Instant.now();
        return workspaces.existing(caller, workspaceId).flatMap(ws -> pool.withTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO case_comment (id, ws_key, case_id, author, body, created_at)
                                SELECT $1, ws_key, case_id, $4, $5, $6 FROM investigation_case WHERE ws_key = $2 AND case_id = $3""")
                        .execute(Tuple.tuple(Arrays.asList(id, ws.wsKey(), caseId, caller.subjectHash(), body,
                                now.atOffset(ZoneOffset.UTC))))
                        .flatMap(rows -> {
                            if (rows.rowCount() == 0) {
                                throw new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND);
                            }
                            return outbox.add(tx, caller, "case.comment.added", "case", caseId,
                                    AuditEvent.Outcome.SUCCESS, AuditDetails.builder().id("commentId", id)
                                            .count("chars", body.length()).build());
                        })))
                .replaceWith(new Views.Comment(id, caller.subjectHash(), body, now));
    }
}

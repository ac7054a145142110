package dev.parley.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, from the verified JWT: the tenant (only as its hash), the subject, roles and workspaces. Never
 * built from a request body or query.
 */
public record Caller(String tenantHash, String subject, String subjectHash, Set<String> roles, List<String> workspaces) {

    /** Identity attribute holding the tenant hash. */
    public static final String TENANT_HASH = "parley.tenantHash";

    /** Identity attribute holding the subject hash (the stored owner / audit actor). */
    public static final String SUBJECT_HASH = "parley.subjectHash";

    /** Identity attribute holding the workspace ids of the {@code wks} claim. */
    public static final String WORKSPACES = "parley.workspaces";

    /** MDC key of the tenant hash in log lines. */
    public static final String MDC_TENANT_HASH = "tenantHash";

    public Caller {
        roles = Set.copyOf(roles);
        workspaces = List.copyOf(workspaces);
    }

    /** The caller of an authenticated identity (augmented by {@link CallerAugmentor}). */
    public static Caller of(SecurityIdentity identity) {
        String tenantHash = identity.getAttribute(TENANT_HASH);
        List<String> workspaces = identity.getAttribute(WORKSPACES);
        if (tenantHash == null) {
            throw new IllegalStateException("identity was not augmented with a tenant");
        }
        return new Caller(tenantHash, identity.getPrincipal().getName(), identity.getAttribute(SUBJECT_HASH),
                new TreeSet<>(identity.getRoles()),
                workspaces == null ? List.of() : workspaces);
    }

    /** Whether the caller may use {@code workspaceId}. */
    public boolean mayUse(String workspaceId) {
        return workspaces.contains(workspaceId);
    }
}

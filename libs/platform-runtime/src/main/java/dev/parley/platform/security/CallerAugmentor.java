package dev.parley.platform.security;

import dev.parley.contracts.ids.TenantHasher;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

/**
 * Completes a verified JWT identity with what Parley needs: the tenant hash of the {@code tid} claim (a token
 * without one is refused) and the {@code wks} workspace list; puts the tenant hash in the log context.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    private final TenantHasher tenantHasher;

    public CallerAugmentor(TenantHasher tenantHasher) {
        this.tenantHasher = tenantHasher;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String tenantId = text(jwt.getClaim("tid"));
        if (tenantId == null || tenantId.isBlank() || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token lacks tid or sub"));
        }
        String tenantHash = tenantHasher.hash(tenantId);
        MDC.put(Caller.MDC_TENANT_HASH, tenantHash);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.TENANT_HASH, tenantHash)
                .addAttribute(Caller.SUBJECT_HASH, tenantHasher.subjectHash(tenantId, jwt.getSubject()))
                .addAttribute(Caller.WORKSPACES, texts(jwt.getClaim("wks")))
                .build());
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String s ? s : null;
    }

    private static List<String> texts(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            for (Object value : collection) {
                String s = text(value);
                if (s != null) {
                    values.add(s);
                }
            }
        } else if (text(claim) != null) {
            values.add(text(claim));
        }
        return values;
    }
}

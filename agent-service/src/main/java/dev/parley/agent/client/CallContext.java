package dev.parley.agent.client;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every call to another service carries for the caller: their bearer token (each service verifies it again and
 * takes the tenant and user from it) and the request id. Passed explicitly, not taken from the request context: tool
 * calls run from the model's callbacks, outside the request's context. {@code waits} adds up the time the turn waited
 * on the calls made with it.
 */
public record CallContext(String authorization, String requestId, Waits waits) {

    /** {@code call}, its time counted as waited. */
    public <T> Uni<T> timed(Uni<T> call) {
        return waits.on(call);
    }

    /** The context of the authenticated caller of the current request. */
    public static CallContext of(SecurityIdentity identity, String requestId) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            throw new IllegalStateException("the caller has no bearer token");
        }
        return new CallContext("Bearer " + jwt.getRawToken(), requestId, new Waits());
    }
}

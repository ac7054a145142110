package dev.parley.pipeline.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** compliance-service's field encryption, called with the caller's own JWT (propagated), so its tenant applies. */
@RegisterRestClient(configKey = "compliance")
@RegisterClientHeaders
@Path("/v1/crypto")
interface FieldEncryptionApi {

    record Item(String field, String plaintext) {}

    record BatchRequest(List<Item> items) {}

    record Sealed(String ciphertext) {}

    record BatchResponse(List<Sealed> items, String kid) {}

    @POST
    @Path("/encrypt/batch")
    Uni<BatchResponse> encryptBatch(BatchRequest request);
}

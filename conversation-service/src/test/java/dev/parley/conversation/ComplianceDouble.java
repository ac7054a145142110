package dev.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.Operator;
import dev.parley.pii.scrub.Scrubber;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * compliance-service's {@code /v1/scrub} and {@code /v1/scan/payload} inside the test application, with the real PII
 * engine at the moderate level: the conversation service calls it over HTTP with the caller's JWT, as it would call
 * compliance-service. {@link #DOWN} makes it answer 503, to prove the caller fails closed.
 */
@Path("/v1")
@Authenticated
public class ComplianceDouble {

    public static final AtomicBoolean DOWN = new AtomicBoolean();
    public static final AtomicInteger CALLS = new AtomicInteger();
    private static final PiiDetector DETECTOR = new PiiDetector(Policy.of(Sensitivity.MODERATE));

    public record ScrubRequest(String text, String operator) {}

    public record ScrubResponse(String text) {}

    public record PayloadRequest(JsonNode json) {}

    public record PathFinding(String path, String type, int start, int end) {}

    public record PayloadResponse(List<PathFinding> findings) {}

    @POST
    @Path("/scrub")
    public ScrubResponse scrub(ScrubRequest request) {
        answer();
        Scrubber scrubber = new Scrubber(Operator.REDACT, Map.of(), "k".repeat(32).getBytes(StandardCharsets.UTF_8), null, false);
        return new ScrubResponse(scrubber.scrub(request.text(), DETECTOR.detect(request.text()), "t", null).text());
    }

    @POST
    @Path("/scan/payload")
    public PayloadResponse scanPayload(PayloadRequest request) {
        answer();
        List<PathFinding> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = request.json().fields();
        for (int position = 0; fields.hasNext(); position++) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<Finding> inKey = DETECTOR.detect(field.getKey());
            String path = inKey.isEmpty() ? "$['" + field.getKey().replace("'", "\\'") + "']" : "$[#" + position + "]";
            for (Finding f : inKey) {
                found.add(new PathFinding(path + ".key", f.type().name(), f.start(), f.end()));
            }
            for (Finding f : DETECTOR.detect(field.getValue().asText())) {
                found.add(new PathFinding(path, f.type().name(), f.start(), f.end()));
            }
        }
        return new PayloadResponse(found);
    }

    private static void answer() {
        CALLS.incrementAndGet();
        if (DOWN.get()) {
            throw new WebApplicationException(503);
        }
    }
}

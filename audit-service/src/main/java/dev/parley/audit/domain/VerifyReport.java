package dev.parley.audit.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** The outcome of recomputing a tenant's chain and checkpoints over a range. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(boolean valid, long fromSeq, long toSeq, long eventsChecked, long checkpointsChecked,
        BrokenLink firstBrokenLink) {

    /** The first place the chain does not hold, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrokenLink(long seq, UUID eventId, String reason) {}
}

package dev.parley.audit.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One inspection every incoming audit event passes before it is stored. A guard may mask parts of the event's
 * data in place; it reports how many values it masked. The compliance work plugs its PII detector in here; until
 * then {@link DetailsTypeGuard} is the only guard.
 */
public interface IngestGuard {

    /** A short, stable name for metrics ({@code audit_ingest_masked_total{guard}}). */
    String name();

    /** Guards run in ascending order: the type check first, so later guards see clean details. */
    default int order() {
        return 0;
    }

    /** Inspects the event data (the CloudEvent's {@code data} object) and returns the number of values masked. */
    int inspect(ObjectNode eventData);
}

package dev.parley.conversation.rest;

import dev.parley.conversation.domain.Conversation;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The keyset cursor of the conversation list: the last item's update time and id, opaque to clients. */
record ListCursor(Instant updatedAt, UUID id) {

    static String of(Conversation last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.updatedAt());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for no cursor; a 400 problem for one this service did not make. */
    static ListCursor parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            return new ListCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.",
                    List.of(new Problem.FieldError("cursor", "is not a cursor this service returned")));
        }
    }
}

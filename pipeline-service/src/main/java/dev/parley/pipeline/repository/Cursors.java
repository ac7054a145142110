package dev.parley.pipeline.repository;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque keyset cursors: the sort key of a page's last item, two parts, base64url. */
public final class Cursors {

    private Cursors() {}

    public static String of(String first, String second) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((first + "|" + second).getBytes(StandardCharsets.UTF_8));
    }

    /** The two parts of a cursor, null for none; a 400 problem for one this service did not make. */
    public static String[] parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not two parts");
            }
            return parts;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public static ProblemException invalid() {
        return new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.",
                List.of(new Problem.FieldError("cursor", "is not a cursor this service returned")));
    }
}

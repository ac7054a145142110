package dev.parley.contracts.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void serializesTheRfc9457MembersAndOmitsEmptyErrors() throws Exception {
        Problem problem = ProblemKind.NOT_FOUND.problem("No such conversation", "/v1/conversations/x", "req-1");

        JsonNode json = mapper.valueToTree(problem);

        assertThat(json.get("type").asText()).isEqualTo("https://parley.dev/problems/not-found");
        assertThat(json.get("title").asText()).isEqualTo("Not found");
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("detail").asText()).isEqualTo("No such conversation");
        assertThat(json.get("instance").asText()).isEqualTo("/v1/conversations/x");
        assertThat(json.get("requestId").asText()).isEqualTo("req-1");
        assertThat(json.has("errors")).isFalse();
    }

    @Test
    void carriesFieldErrors() {
        Problem problem = ProblemKind.VALIDATION.problem("2 fields are invalid", "/v1/x", "r")
                .withErrors(List.of(new Problem.FieldError("body.message", "must not be blank")));

        JsonNode json = mapper.valueToTree(problem);

        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("body.message");
    }

    @Test
    void everyErrorStatusHasAKind() {
        assertThat(ProblemKind.forStatus(405)).isEqualTo(ProblemKind.METHOD_NOT_ALLOWED);
        assertThat(ProblemKind.forStatus(400)).isEqualTo(ProblemKind.BAD_REQUEST);
        assertThat(ProblemKind.forStatus(418).status()).isEqualTo(400);
        assertThat(ProblemKind.forStatus(599).status()).isEqualTo(500);
    }
}

package dev.parley.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.contracts.problem.Problem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PageContextNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PageContextNormalizer normalizer = new PageContextNormalizer(3, 16, 10, 2);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void sortsCutsRoundsAndLimitsFacts() throws Exception {
        PageContext context = normalizer.normalize(json("""
                {"resourceType": "claim", "resourceId": "CLM-1", "pageKey": "/claims/CLM-1",
                 "facts": {"zeta": true, "amount": 1200.456, "status": "  open\\u0007now and then  ", "alpha": 1, "beta": null},
                 "allowedActions": ["escalate", "approve", "approve"], "contextVersion": "7"}"""), "pageContext", true);
        assertThat(context.facts().keySet()).containsExactly("alpha", "amount", "status");
        assertThat(context.droppedFacts()).isEqualTo(1);
        assertThat(context.facts().get("amount")).isEqualTo(new BigDecimal("1200.46"));
        assertThat(context.facts().get("status")).isEqualTo("open now a");
        assertThat(context.allowedActions()).containsExactly("approve", "escalate");
        assertThat(context.contextVersion()).isEqualTo("7");
    }

    @Test
    void equalContextsNormalizeEquallyWhateverTheKeyOrder() throws Exception {
        PageContext a = normalizer.normalize(json("{\"resourceType\":\"claim\",\"resourceId\":\"1\",\"facts\":{\"b\":2.000,\"a\":\"x\"}}"), "p", false);
        PageContext b = normalizer.normalize(json("{\"facts\":{\"a\":\"x\",\"b\":2},\"resourceId\":\"1\",\"resourceType\":\"claim\"}"), "p", false);
        assertThat(a).isEqualTo(b);
        assertThat(JSON.writeValueAsString(a)).isEqualTo(JSON.writeValueAsString(b));
    }

    @Test
    void listsEveryBadFieldAtOnce() throws Exception {
        assertThatThrownBy(() -> normalizer.normalize(json("""
                {"resourceType": "claim type", "facts": {"nested": {"a": 1}, "%s": 1}}""".formatted("k".repeat(17))),
                "pageContext", true))
                .isInstanceOf(PageContextNormalizer.InvalidPageContextException.class)
                .extracting(e -> ((PageContextNormalizer.InvalidPageContextException) e).errors().stream()
                        .map(Problem.FieldError::field).toList())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("pageContext.resourceType", "pageContext.resourceId", "pageContext.pageKey",
                        "pageContext.facts.nested", "pageContext.facts");
    }

    @Test
    void pageKeyIsOnlyRequiredInPageMode() throws Exception {
        JsonNode context = json("{\"resourceType\":\"case\",\"resourceId\":\"C-9\"}");
        assertThat(normalizer.normalize(context, "p", false).pageKey()).isNull();
        assertThatThrownBy(() -> normalizer.normalize(context, "p", true))
                .isInstanceOf(PageContextNormalizer.InvalidPageContextException.class);
        assertThatThrownBy(() -> normalizer.normalize(json("[1]"), "p", false))
                .isInstanceOf(PageContextNormalizer.InvalidPageContextException.class);
    }
}

package dev.parley.agent.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredPromptsTest {

    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private static ValidatorFactory validators;

    @BeforeAll
    static void buildValidators() {
        validators = jakarta.validation.Validation.buildDefaultValidatorFactory();
    }

    @AfterAll
    static void closeValidators() {
        validators.close();
    }

    @ParameterizedTest
    @ValueSource(classes = {CaseSummary.class, Report.class})
    void instructionsCostFewerThan250Tokens(Class<?> type) {
        int tokens = CL100K.countTokens(StructuredPrompts.forType(type));

        assertThat(tokens).as("cl100k tokens of the %s instructions", type.getSimpleName()).isLessThan(250);
    }

    @ParameterizedTest
    @ValueSource(classes = {CaseSummary.class, Report.class})
    void theExampleIsInTheInstructionsAndIsItselfValid(Class<?> type) {
        String example = StructuredPrompts.example(type);
        Parsed<?> parsed = new StructuredOutputParser(validators.getValidator()).parse(example, type);

        assertThat(StructuredPrompts.forType(type)).contains(example).contains("one JSON object");
        assertThat(parsed.validation().status()).isEqualTo("valid");
    }

    @ParameterizedTest
    @ValueSource(classes = {CaseSummary.class, Report.class})
    void instructionsForbidInventedIdsAndPersonalData(Class<?> type) {
        assertThat(StructuredPrompts.forType(type)).contains("only from tool results").contains("No personal data")
                .contains("placeholders");
    }

    @Test
    void caseSummaryInstructionsNameEveryAllowedValue() {
        String instructions = StructuredPrompts.caseSummary();

        for (String action : CaseSummary.ACTIONS.split(", ")) {
            assertThat(instructions).contains(action);
        }
        for (String field : List.of("caseId", "riskLevel", "headline", "keyFindings", "ruleIds", "recommendedAction",
                "evidenceClaimIds", "estimatedOverpayment")) {
            assertThat(instructions).contains(field + ":");
        }
        assertThat(instructions).contains("low|medium|high|critical");
        assertThat(StructuredPrompts.report()).contains("sections:", "metrics:", "caseIds:", "period:");
    }

    @Test
    void otherTypesHaveNoInstructions() {
        assertThatThrownBy(() -> StructuredPrompts.forType(String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}

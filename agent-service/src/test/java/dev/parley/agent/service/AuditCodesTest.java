package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import org.junit.jupiter.api.Test;

/** What a turn puts into its audit event's details is always a valid key or code, whatever the model is called. */
class AuditCodesTest {

    @Test
    void toolNamesBecomeIdentifierKeys() {
        assertThat(ChatTurns.toolKey("query_case_detail")).isEqualTo("toolQueryCaseDetail").matches(AuditDetails.KEY);
        assertThat(ChatTurns.toolKey("x".repeat(80))).matches(AuditDetails.KEY);
    }

    @Test
    void promptVersionsAndModelNamesBecomeCodes() {
        assertThat(ChatTurns.auditCode("chat-system@v2,report@v1")).isEqualTo("chat-system:v2/report:v1");
        assertThat(ChatTurns.auditCode("meta-llama/Llama 3.1 70B (instruct)")).matches(AuditDetails.CODE);
        assertThat(ChatTurns.auditCode("@@")).matches(AuditDetails.CODE);
        assertThat(ChatTurns.auditCode("m".repeat(200))).hasSize(64).matches(AuditDetails.CODE);
    }
}

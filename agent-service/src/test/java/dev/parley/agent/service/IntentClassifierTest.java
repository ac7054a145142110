package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.agent.domain.Classification;
import dev.parley.agent.domain.Intent;
import dev.parley.agent.domain.PageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classifier and the fast path's matcher against labeled messages. Each line: expected intent | page (- for
 * global mode, or type:id) | expected fast query (- for none) | the scrubbed message.
 *
 * <p>{@link #TUNING} is the set the rules were written against; {@link #HELD_OUT} and {@link #FAST_PATH_TRAPS} were
 * written afterwards and first run against the rules unchanged (63 of 64 right; the miss, a fast-path match
 * on a question the data cannot answer, was then fixed).
 */
class IntentClassifierTest {

    static final String TUNING = """
            QUERY | - | stats | show me the workspace stats
            QUERY | - | stats | How many cases are open?
            QUERY | - | stats | workspace statistics please
            QUERY | - | stats | how many claims do we have
            QUERY | - | stats | What are the key numbers for this workspace?
            QUERY | - | stats | when was the last run?
            QUERY | - | stats | did the last pipeline run succeed?
            QUERY | - | stats | how many providers are there
            QUERY | - | stats | stats
            QUERY | - | stats | give me the counts by risk level
            QUERY | - | stats | how many critical cases are there?
            QUERY | - | stats | STATS PLS
            QUERY | - | stats | how is the workspace doing?
            QUERY | - | stats | hw many claims failed quality checks
            QUERY | - | top:5:-:- | top 5 risk cases
            QUERY | - | top:10:-:- | What are the highest risk cases?
            QUERY | - | top:10:critical:- | list critical cases
            QUERY | - | top:10:high:open | show open high risk cases
            QUERY | - | top:10:critical:- | which cases are critical?
            QUERY | - | top:5:-:- | shwo me the top 5 riskest cases
            QUERY | - | top:3:-:escalated | Top 3 escalated cases
            QUERY | - | top:20:high:- | show me 20 high-risk cases
            QUERY | - | top:10:-:in_review | riskiest cases in review
            QUERY | - | top:50:-:open | list all open cases
            QUERY | - | top:1:-:- | what's the riskiest case
            QUERY | - | top:10:critical:open | top ten critical open cases
            QUERY | - | top:10:medium:- | cases with risk level medium
            QUERY | - | top:10:-:- | Show me the top 10 cases
            QUERY | - | top:10:critical:- | critical cases
            QUERY | - | case:CASE-000123 | tell me about CASE-000123
            QUERY | - | case:CASE-000123 | CASE-000123?
            QUERY | - | case:CASE-000123 | what's the status of case-000123
            QUERY | - | case:CASE-000456 | who is assigned to CASE-000456?
            QUERY | - | case:CASE-0000123456 | show CASE-0000123456
            QUERY | - | case:CASE-000789 | details for case-000789 please
            QUERY | - | case:CASE-000123 | what rules fired on CASE-000123
            QUERY | - | case:CASE-000123 | is CASE-000123 still open?
            QUERY | - | case:CASE-000123 | what's the risk score of CASE-000123
            QUERY | - | case:CASE-000123 | evidence for CASE-000123
            QUERY | - | provider:⟦NPI_1⟧ | show provider ⟦NPI_1⟧
            QUERY | - | provider:1234567893 | look up NPI 1234567893
            QUERY | - | provider:1987654328 | who is provider 1987654328?
            QUERY | - | provider:⟦NPI_2⟧ | provider ⟦NPI_2⟧ risk score
            QUERY | - | provider:⟦NPI_1⟧ | what's the risk level of ⟦NPI_1⟧?
            QUERY | - | rules:true:- | which rules fired?
            QUERY | - | rules:false:- | list the rules
            QUERY | - | rules:false:RULE-MED-001 | how many hits does RULE-MED-001 have
            QUERY | - | rules:false:RULE-MED-002 | what does rule-med-002 do
            QUERY | - | rules:true:- | Which rules triggered the most?
            QUERY | - | rules:false:- | show rule stats
            QUERY | - | rules:false:RULE-RX-001 | describe RULE-RX-001
            QUERY | - | rules:false:RULE-MED-003 | what are the thresholds for RULE-MED-003?
            QUERY | case:CASE-000123 | case:CASE-000123 | what's the status?
            QUERY | case:CASE-000123 | case:CASE-000123 | who is assigned to this case?
            QUERY | provider:1234567893 | provider:1234567893 | how many claims does this provider have?
            QUERY | rule:RULE-MED-001 | rules:false:RULE-MED-001 | how many hits does this rule have?
            QUERY | case:CASE-000123 | case:CASE-000123 | show me the evidence
            QUERY | dashboard | top:10:-:- | top risk cases
            QUERY | rules | rules:true:- | which rules fired most?
            QUERY | provider:1234567893 | provider:1234567893 | what cases does this provider have?
            QUERY | dashboard | stats | how many cases are there?
            QUERY | - | - | which cases involve oxycodone?
            QUERY | - | - | cases updated last week
            QUERY | - | - | lowest risk cases
            QUERY | - | - | why is CASE-000123 high risk?
            QUERY | - | - | compare CASE-000123 and CASE-000456
            QUERY | - | - | how many cases did ⟦PERSON_1⟧ handle?
            QUERY | - | - | how many cases were opened on 2025-03-14?
            QUERY | - | - | what's the average risk score of cardiology providers?
            QUERY | - | - | Which providers in Texas have the most claims?
            QUERY | - | - | show my cases
            QUERY | - | - | how do I close a case?
            QUERY | - | - | should I escalate CASE-000123?
            QUERY | - | - | what does the dashboard show?
            QUERY | - | - | explain how risk scores are calculated
            QUERY | - | - | is there a pattern in the pharmacy claims?
            QUERY | - | - | what happened with the run on March 14, 2025?
            QUERY | - | - | how many members are in this workspace?
            QUERY | - | - | who closed CASE-000123?
            QUERY | - | - | what changed on CASE-000123 since yesterday?
            QUERY | - | - | any updates on CASE-000123?
            QUERY | - | - | what is RULE-MED-001's threshold and why did it fire for ⟦NPI_1⟧?
            QUERY | - | - | is ⟦NPI_1⟧ related to CASE-000123?
            QUERY | - | - | how many cases are assigned to me?
            QUERY | - | - | show cases for ⟦PERSON_1⟧
            QUERY | - | - | What's the total billed amount for critical cases?
            QUERY | - | - | high and critical cases
            QUERY | - | - | list providers with open cases
            QUERY | - | - | was CASE-000123 escalated before it was closed?
            QUERY | - | - | which claims in CASE-000123 were billed after 03/01/2025?
            QUERY | - | - | how many cases did RULE-MED-001 flag for ⟦NPI_1⟧
            QUERY | - | - | Find providers billing more than 40 units a day
            QUERY | case:CASE-000123 | - | what about it?
            QUERY | case:CASE-000123 | - | why did RULE-MED-001 fire here?
            QUERY | case:CASE-000123 | - | why is this case critical?
            QUERY | case:CASE-000123 | - | which other cases does this provider have?
            QUERY | help | - | how do I upload claims?
            ACTION | - | - | close CASE-000123
            ACTION | - | - | can you escalate CASE-000123?
            ACTION | - | - | assign CASE-000123 to me
            ACTION | - | - | remind me tomorrow to review CASE-000123
            ACTION | - | - | set a reminder for Friday
            ACTION | - | - | rerun the pipeline
            ACTION | - | - | run the pipeline again
            ACTION | - | - | Please mark CASE-000456 as in review
            ACTION | - | - | add a comment to CASE-000123: provider called back
            ACTION | - | - | update the status of CASE-000123 to escalated
            ACTION | - | - | re-run the pipeline with force reprocess
            ACTION | - | - | reprocess the claims
            ACTION | - | - | move case-000123 to closed
            ACTION | - | - | Escalte CASE-000123 to the SIU
            ACTION | - | - | leave a note on CASE-000123 that records were requested
            ACTION | - | - | kick off the pipeline
            ACTION | - | - | reassign CASE-000789 to ⟦PERSON_1⟧
            ACTION | - | - | could you close it
            ACTION | case:CASE-000123 | - | close this case
            ACTION | case:CASE-000123 | - | add a comment: waiting on records
            ACTION | - | - | I want to escalate CASE-000123
            ACTION | - | - | start the pipeline
            ACTION | - | - | remind me in 2 days about ⟦NPI_1⟧
            ACTION | - | - | ESCALATE case-000123 NOW
            ACTION | - | - | pls set CASE-000123 to in_review
            ACTION | - | - | delete CASE-000123
            ACTION | - | - | remove all claims data
            ACTION | - | - | make me an admin
            ACTION | - | - | change my role to admin
            ACTION | - | - | drop the cases table
            ACTION | - | - | please wipe the workspace
            ACTION | - | - | can you grant me admin permissions?
            ACTION | case:CASE-000123 | - | delete this case
            ACTION | - | - | How do I delete all comments on CASE-000123?
            NAVIGATION | - | - | open CASE-000123
            NAVIGATION | - | - | go to the dashboard
            NAVIGATION | - | - | take me to the rules page
            NAVIGATION | - | - | where is the rules page?
            NAVIGATION | - | - | show me the page of CASE-000123
            NAVIGATION | - | - | Navigate to RULE-MED-001
            NAVIGATION | - | - | open provider ⟦NPI_1⟧
            NAVIGATION | - | - | bring me to the stats page
            NAVIGATION | - | - | go back
            NAVIGATION | - | - | Open the cases list
            NAVIGATION | case:CASE-000123 | - | go to CASE-000999
            NAVIGATION | - | - | jump to the settings tab
            NAVIGATION | - | - | link to CASE-000123 please
            NAVIGATION | - | - | can you take me to case-000456?
            REPORT | - | - | summarize CASE-000123
            REPORT | - | - | give me a summary of the critical cases
            REPORT | - | - | export open cases to csv
            REPORT | - | - | write up a brief on ⟦PERSON_1⟧
            REPORT | - | - | Generate a report of this week's escalations
            REPORT | case:CASE-000123 | - | summarize this case
            REPORT | - | - | brief me on RULE-RX-002
            REPORT | - | - | weekly fraud report please
            REPORT | - | - | I need an overview of the workspace
            REPORT | - | - | create a PDF report for CASE-000123
            REPORT | - | - | download the top cases as a spreadsheet
            REPORT | - | - | summery of open cases
            REPORT | - | - | can you write up CASE-000123 for the SIU?
            CLARIFICATION | - | - | hmm
            CLARIFICATION | - | - | and?
            CLARIFICATION | - | - | what about it
            CLARIFICATION | - | - |
            CLARIFICATION | - | - | ?
            CLARIFICATION | - | - | ok
            CLARIFICATION | - | - | ⟦PERSON_1⟧
            CLARIFICATION | - | - | tell me more
            CLARIFICATION | - | - | hi
            CLARIFICATION | - | - | um what
            CLARIFICATION | case:CASE-000123 | - | hmm
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | tell me about CASE-000999
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | top risk cases
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | how many cases are in the workspace?
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | show all open cases
            OUT_OF_SCOPE_PAGE | provider:1234567893 | - | show all providers
            OUT_OF_SCOPE_PAGE | provider:1234567893 | - | what about provider 1987654328?
            OUT_OF_SCOPE_PAGE | rule:RULE-MED-001 | - | what does RULE-RX-003 do?
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | close CASE-000456
            OUT_OF_SCOPE_PAGE | provider:1234567893 | - | what are the riskiest cases overall?
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | summarize all critical cases
            OUT_OF_SCOPE_PAGE | case:CASE-000123 | - | which cases are escalated?
            OUT_OF_SCOPE_PAGE | rule:RULE-MED-001 | - | list all rules
            """;

    static final String HELD_OUT = """
            QUERY | - | - | what's going on in this workspace lately?
            QUERY | - | stats | give me the workspace numbers
            QUERY | - | top:10:critical:- | Which cases are flagged critical?
            QUERY | - | top:5:-:- | top five cases by risk
            QUERY | - | - | are there any providers with more than one case?
            QUERY | - | case:CASE-004521 | CASE-004521 status?
            QUERY | - | - | Why was CASE-004521 flagged?
            QUERY | - | - | what's the difference between RULE-MED-001 and RULE-MED-002?
            QUERY | - | provider:1456789019 | npi 1456789019
            QUERY | - | - | list cases assigned to ⟦PERSON_2⟧
            QUERY | - | stats | how many claims failed the quality gate
            QUERY | - | - | which specialty has the most high risk providers
            QUERY | - | rules:true:- | what rules have been triggered so far?
            QUERY | - | - | tell me something interesting about the data
            QUERY | - | - | Is the pipeline still running?
            QUERY | - | - | how much was billed under CASE-000777
            QUERY | - | top:10:-:escalated | show escalated cases
            QUERY | - | - | what is a risk score?
            QUERY | - | - | How are risk levels decided
            QUERY | - | - | any new cases since ⟦DATE_1⟧?
            QUERY | - | - | What providers does CASE-000555 involve?
            QUERY | - | - | which of the critical cases have no assignee?
            QUERY | case:CASE-000555 | case:CASE-000555 | what's the score?
            QUERY | case:CASE-000555 | - | how does this compare to similar cases?
            QUERY | provider:1678901236 | - | why is this provider high risk?
            QUERY | rule:RULE-RX-002 | - | which providers triggered it?
            ACTION | - | - | close case-004521 as no findings
            ACTION | - | - | Can you assign CASE-004521 to ⟦PERSON_1⟧?
            ACTION | - | - | mark it escalated
            ACTION | - | - | put CASE-000555 in review please
            ACTION | - | - | add note to CASE-000555: called provider office
            ACTION | - | - | remind me next Monday to follow up on CASE-000555
            ACTION | - | - | trigger a pipeline run
            ACTION | - | - | reopen CASE-000321
            ACTION | - | - | unassign me from CASE-000321
            ACTION | - | - | Please rerun the rules on the new upload
            ACTION | case:CASE-000555 | - | escalate it
            ACTION | case:CASE-000555 | - | comment: provider sent records
            ACTION | - | - | purge the audit log
            ACTION | - | - | give me admin access
            ACTION | - | - | remove CASE-000321 permanently
            ACTION | - | - | revoke ⟦PERSON_1⟧'s access
            NAVIGATION | - | - | take me to CASE-004521
            NAVIGATION | - | - | open the rules
            NAVIGATION | - | - | go to provider 1456789019
            NAVIGATION | - | - | show me the dashboard
            NAVIGATION | - | - | where can I find the upload page
            NAVIGATION | - | - | open RULE-MED-004
            REPORT | - | - | summarise the workspace for my manager
            REPORT | - | - | prepare a report on critical cases
            REPORT | - | - | export CASE-004521
            REPORT | case:CASE-000555 | - | write a summary of this case for the SIU
            REPORT | - | - | give me a quick recap of today's escalations
            REPORT | - | - | brief on the top providers
            CLARIFICATION | - | - | hmm ok
            CLARIFICATION | - | - | what?
            CLARIFICATION | - | - | yes
            CLARIFICATION | - | - | so?
            CLARIFICATION | - | - | ..
            OUT_OF_SCOPE_PAGE | case:CASE-000555 | - | what about CASE-000556?
            OUT_OF_SCOPE_PAGE | case:CASE-000555 | - | list the highest risk cases
            OUT_OF_SCOPE_PAGE | provider:1678901236 | - | show provider 1456789019
            OUT_OF_SCOPE_PAGE | case:CASE-000555 | - | how many open cases are there?
            OUT_OF_SCOPE_PAGE | rule:RULE-RX-002 | - | compare with all other rules
            """;

    /** Questions that look like fast-path ones but that the fetched data cannot answer. */
    static final String FAST_PATH_TRAPS = """
            QUERY | - | - | how many cases per provider?
            QUERY | - | - | how many cases does each specialty have
            QUERY | - | - | what's the status of the pipeline job for ⟦PERSON_1⟧
            QUERY | - | - | top providers by risk
            QUERY | - | - | top rules for pharmacy claims
            QUERY | - | - | how many claims did provider ⟦NPI_1⟧ submit in 2024
            QUERY | - | - | which cases have the most evidence
            QUERY | - | - | cases with more than 5 rule hits
            QUERY | - | - | cases scoring above 90
            QUERY | - | - | which critical cases are unassigned
            QUERY | - | - | top 500 cases
            QUERY | - | - | what rule should I add
            QUERY | - | - | how many rules should fire
            QUERY | - | - | stats for last month
            QUERY | - | - | what is the status of my reminder
            QUERY | - | - | whose case is CASE-000123 related to
            QUERY | - | - | what would happen if I close CASE-000123
            QUERY | - | - | rules that never fired
            QUERY | - | - | what's CASE-000123's provider's other case
            QUERY | - | - | cases similar to CASE-000123
            QUERY | - | - | oldest open cases
            QUERY | - | - | newest cases
            QUERY | - | - | what are the open cases of ⟦PERSON_1⟧
            QUERY | - | - | did RULE-MED-001 fire on CASE-000123 or CASE-000124
            QUERY | - | - | is ⟦NPI_1⟧ or ⟦NPI_2⟧ riskier
            QUERY | - | - | which providers are in CASE-000123 and who reviewed it
            QUERY | - | - | how many cases are open and how many are closed and why
            QUERY | - | - | how many open critical cases are there
            QUERY | - | - | how many high and critical cases do we have
            """;

    private static final IntentClassifier CLASSIFIER = new IntentClassifier();
    private static final FastPath FAST_PATH = new FastPath();

    record Labeled(Intent intent, PageContext page, String fast, String message) {}

    static List<Labeled> parse(String block) {
        List<Labeled> out = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 4);
            String page = parts[1].trim();
            out.add(new Labeled(Intent.valueOf(parts[0].trim()), page.equals("-") ? null : page(page),
                    parts[2].trim(), parts.length > 3 ? parts[3].trim() : ""));
        }
        return out;
    }

    static PageContext page(String typeAndId) {
        String[] parts = typeAndId.split(":", 2);
        return new PageContext(parts[0], parts.length > 1 ? parts[1] : null, parts[0] + "-page", Map.of(), "1",
                List.of());
    }

    /** The fast query in the labels' notation: stats, top:limit:level:status, case:id, rules:triggered:id, provider:x. */
    static String notation(Optional<FastQuery> query) {
        return query.map(q -> switch (q) {
            case FastQuery.WorkspaceStats s -> "stats";
            case FastQuery.TopRiskCases t -> "top:" + t.limit() + ":" + dash(t.riskLevel()) + ":" + dash(t.status());
            case FastQuery.CaseDetail d -> "case:" + d.caseId();
            case FastQuery.RuleStats r -> "rules:" + r.triggeredOnly() + ":" + dash(r.ruleId());
            case FastQuery.ProviderLookup p -> "provider:" + (p.npi() != null ? p.npi() : p.placeholder());
        }).orElse("-");
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    @Test
    void labeledMessagesAreClassifiedAtLeast95PercentRightAndTheFastPathIsNeverWrong() {
        List<Labeled> all = new ArrayList<>(parse(TUNING));
        all.addAll(parse(HELD_OUT));
        all.addAll(parse(FAST_PATH_TRAPS));
        assertThat(all).hasSizeGreaterThanOrEqualTo(120);

        int right = 0;
        int fastExpected = 0;
        int fastRight = 0;
        List<String> intentMisses = new ArrayList<>();
        List<String> fastMisses = new ArrayList<>();
        Map<Intent, int[]> perIntent = new EnumMap<>(Intent.class);
        for (Labeled labeled : all) {
            Classification classification = CLASSIFIER.classify(labeled.message(), labeled.page());
            String fast = notation(FAST_PATH.match(labeled.message(), classification, labeled.page()));
            int[] counts = perIntent.computeIfAbsent(labeled.intent(), i -> new int[2]);
            counts[1]++;
            if (classification.intent() == labeled.intent()) {
                right++;
                counts[0]++;
            } else {
                intentMisses.add(labeled.message() + " -> " + classification.intent());
            }
            if (!labeled.fast().equals("-")) {
                fastExpected++;
            }
            if (fast.equals(labeled.fast())) {
                fastRight += labeled.fast().equals("-") ? 0 : 1;
            } else {
                fastMisses.add(labeled.message() + " -> " + fast + " (expected " + labeled.fast() + ")");
            }
        }
        double accuracy = (double) right / all.size();
        System.out.printf("intent accuracy %d/%d = %.3f; fast path %d/%d; per intent %s%n", right, all.size(), accuracy,
                fastRight, fastExpected, perIntentText(perIntent));
        assertThat(accuracy).as("intent accuracy; misses: %s", intentMisses).isGreaterThanOrEqualTo(0.95);
        // every fast-path label right, and no other message routed to the fast path (precision)
        assertThat(fastMisses).isEmpty();
        assertThat(fastExpected).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theHeldOutSetAloneIsAbove95Percent() {
        List<Labeled> heldOut = parse(HELD_OUT);
        long right = heldOut.stream()
                .filter(l -> CLASSIFIER.classify(l.message(), l.page()).intent() == l.intent()).count();
        assertThat((double) right / heldOut.size()).isGreaterThanOrEqualTo(0.95);
    }

    private static String perIntentText(Map<Intent, int[]> perIntent) {
        StringBuilder text = new StringBuilder();
        perIntent.forEach((intent, counts) -> text.append(intent).append(' ').append(counts[0]).append('/')
                .append(counts[1]).append(' '));
        return text.toString().trim();
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void destructiveRequestsAreFlaggedAsSuch() {
        assertThat(CLASSIFIER.analyze("delete CASE-000123", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.DELETE_DATA);
        assertThat(CLASSIFIER.analyze("Could you please remove all the claims?", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.DELETE_DATA);
        assertThat(CLASSIFIER.analyze("drop table cases;", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.DELETE_DATA);
        assertThat(CLASSIFIER.analyze("make me an admin", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.CHANGE_PERMISSIONS);
        assertThat(CLASSIFIER.analyze("change ⟦PERSON_1⟧'s role to auditor", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.CHANGE_PERMISSIONS);
        assertThat(CLASSIFIER.analyze("revoke their permissions", null).destructive())
                .isEqualTo(IntentClassifier.Destructive.CHANGE_PERMISSIONS);
        IntentClassifier.Analysis analysis = CLASSIFIER.analyze("delete this case", page("case:CASE-000123"));
        assertThat(analysis.isDestructive()).isTrue();
        assertThat(analysis.classification().intent()).isEqualTo(Intent.ACTION);
        assertThat(analysis.classification().ambiguous()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"why did the claims drop in March?", "which claims were removed by the quality gate?",
        "who has access to this workspace?", "assign CASE-000123 to the admin", "remove the risk filter",
        "what role does the auditor have?", "close CASE-000123"})
    void ordinaryMessagesAreNotDestructive(String message) {
        assertThat(CLASSIFIER.analyze(message, null).isDestructive()).as(message).isFalse();
    }

    @Test
    void anNpiPlaceholderIsReportedSoTheCallerCanResolveIt() {
        IntentClassifier.Analysis analysis = CLASSIFIER.analyze("show provider ⟦NPI_1⟧ and ⟦PERSON_2⟧", null);
        assertThat(analysis.npiPlaceholderPresent()).isTrue();
        assertThat(analysis.npiPlaceholders()).containsExactly("⟦NPI_1⟧");
        assertThat(analysis.placeholders()).containsExactly("⟦NPI_1⟧", "⟦PERSON_2⟧");
        assertThat(analysis.classification().entities().npis()).isEmpty();
        assertThat(CLASSIFIER.analyze("show provider 1234567893", null).npiPlaceholderPresent()).isFalse();
    }

    @Test
    void placeholdersResolvedFromTheVaultBecomeEntitiesAndDecidePageScope() {
        Map<String, String> vault = Map.of("⟦NPI_1⟧", "1987654328", "⟦DATE_1⟧", "2025-03-14");
        IntentClassifier.Analysis analysis = CLASSIFIER.analyze("claims of ⟦NPI_1⟧ on ⟦DATE_1⟧?", null, vault);
        assertThat(analysis.classification().entities().npis()).containsExactly("1987654328");
        assertThat(analysis.classification().entities().dates()).hasSize(1);

        PageContext providerPage = page("provider:1234567893");
        assertThat(CLASSIFIER.analyze("show provider ⟦NPI_1⟧", providerPage, vault).classification().intent())
                .isEqualTo(Intent.OUT_OF_SCOPE_PAGE);
        assertThat(CLASSIFIER.analyze("show provider ⟦NPI_1⟧", providerPage, Map.of("⟦NPI_1⟧", "1234567893"))
                .classification().intent()).isEqualTo(Intent.QUERY);
        // unresolved: the benefit of the doubt
        assertThat(CLASSIFIER.classify("show provider ⟦NPI_1⟧", providerPage).intent()).isEqualTo(Intent.QUERY);
    }

    @Test
    void confidenceIsBetweenZeroAndOneAndVagueMessagesAreAmbiguous() {
        Classification clear = CLASSIFIER.classify("close CASE-000123", null);
        assertThat(clear.confidence()).isBetween(0.9, 1.0);
        assertThat(clear.ambiguous()).isFalse();

        Classification vague = CLASSIFIER.classify("texas weather", null);
        assertThat(vague.ambiguous()).isTrue();
        assertThat(vague.confidence()).isLessThan(0.6);

        // two intents pulling equally: no rule clearly ahead
        Classification split = CLASSIFIER.classify("should I reopen it?", null);
        assertThat(split.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void pageScopeUsesTheFactsForResourcesOfOtherTypes() {
        PageContext casePage = new PageContext("case", "case-000123", "case-detail",
                Map.of("providerNpi", "1234567893", "riskLevel", "high"), "3", List.of("update_case_status"));
        assertThat(CLASSIFIER.classify("what else has provider 1234567893 billed?", casePage).intent())
                .isEqualTo(Intent.QUERY);
        assertThat(CLASSIFIER.classify("what else has provider 1987654328 billed?", casePage).intent())
                .isEqualTo(Intent.OUT_OF_SCOPE_PAGE);
        assertThat(CLASSIFIER.classify("tell me about CASE-000123", casePage).intent()).isEqualTo(Intent.QUERY);
        assertThat(CLASSIFIER.classify("why did RULE-RX-001 fire?", casePage).intent()).isEqualTo(Intent.QUERY);
        assertThat(CLASSIFIER.classify("open CASE-000999", casePage).intent()).isEqualTo(Intent.NAVIGATION);
    }

    @Test
    void informationalPagesAreWorkspaceWide() {
        for (String type : List.of("dashboard", "help", "rules", "stats")) {
            assertThat(CLASSIFIER.classify("top risk cases", page(type)).intent()).as(type).isEqualTo(Intent.QUERY);
            assertThat(CLASSIFIER.classify("tell me about CASE-000999", page(type)).intent()).as(type)
                    .isEqualTo(Intent.QUERY);
        }
        // a resource page without its id shows no single resource either
        assertThat(CLASSIFIER.classify("top risk cases", page("case")).intent()).isEqualTo(Intent.QUERY);
        // the set is configurable
        IntentClassifier strict = new IntentClassifier(new PageScope(java.util.Set.of("help")));
        assertThat(strict.classify("top risk cases", page("dashboard:main")).intent())
                .isEqualTo(Intent.OUT_OF_SCOPE_PAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t", "?", "!!", "k", "hmm...", "and?", "what about it", "⟦PERSON_1⟧"})
    void nothingToActOnAsksBack(String message) {
        Classification classification = CLASSIFIER.classify(message, null);
        assertThat(classification.intent()).as(message).isEqualTo(Intent.CLARIFICATION);
        assertThat(classification.ambiguous()).isFalse();
    }

    @Test
    void aNullMessageIsAClarification() {
        assertThat(CLASSIFIER.classify(null, null).intent()).isEqualTo(Intent.CLARIFICATION);
    }

    @Test
    void typosCasingAndPunctuationDoNotChangeTheIntent() {
        assertThat(CLASSIFIER.classify("ESCALTE CASE-000123!!!", null).intent()).isEqualTo(Intent.ACTION);
        assertThat(CLASSIFIER.classify("sumarize case-000123", null).intent()).isEqualTo(Intent.REPORT);
        assertThat(CLASSIFIER.classify("navigte to the dashbord", null).intent()).isEqualTo(Intent.NAVIGATION);
        assertThat(CLASSIFIER.classify("Which Cases Are CRITICAL", null).entities().riskLevels())
                .containsExactly("critical");
        // a real word one letter from a cue word is not "corrected" into it
        assertThat(CLASSIFIER.classify("ask an expert about CASE-000123", null).intent()).isNotEqualTo(Intent.REPORT);
    }

    @Test
    void spellingCorrectsOnlyOneEditToOneKnownWord() {
        assertThat(IntentClassifier.SPELLING.correct("escalte")).isEqualTo("escalate");
        assertThat(IntentClassifier.SPELLING.correct("reprot")).isEqualTo("report");
        assertThat(IntentClassifier.SPELLING.correct("pipelinee")).isEqualTo("pipeline");
        assertThat(IntentClassifier.SPELLING.correct("oxycodone")).isEqualTo("oxycodone");
        assertThat(IntentClassifier.SPELLING.correct("updates")).isEqualTo("updates");
        assertThat(IntentClassifier.Spelling.oneEditApart("abcd", "abdc")).isTrue();
        assertThat(IntentClassifier.Spelling.oneEditApart("xabc", "abcy")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASE-", "case-0", "⟦NPI_", "⟦", "[", "`", "1", "9 ", "RULE-AB-", "in review ", "open ",
        "high risk ", "run the ", "delete ", "re-", "how do i ", "can you ", "March 1", "03/", "2025-", "a", "é",
        "🙂", "CASE-000123 ", "⟦NPI_1⟧ "})
    void a100KbAdversarialMessageIsClassifiedQuickly(String seed) {
        String message = seed.repeat(100_000 / seed.length() + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Classification classification = CLASSIFIER.classify(message, page("case:CASE-000123"));
            FAST_PATH.match(message, classification);
            assertThat(classification.confidence()).isBetween(0.0, 1.0);
        });
    }
}

package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The format detectors together: coverage of the types they own, and a realistic note with look-alikes. */
class FormatDetectorsTest {

    private static List<Finding> detectAll(String text) {
        List<Finding> out = new ArrayList<>();
        for (Detector detector : FormatDetectors.all()) {
            detector.detect(text, out);
        }
        return out;
    }

    /** What the findings of {@code type} scoring at least {@code min} cover. */
    private static List<String> covered(String text, List<Finding> findings, PiiType type, double min) {
        return findings.stream().filter(f -> f.type() == type && f.score() >= min)
                .map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void everyFormatTypeHasADetectorAndNamesAreUnique() {
        Set<PiiType> covered = FormatDetectors.all().stream().flatMap(d -> d.types().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PiiType.class)));
        assertThat(covered).containsExactlyInAnyOrder(PiiType.SSN, PiiType.CREDIT_CARD, PiiType.IBAN, PiiType.EMAIL,
                PiiType.PHONE, PiiType.FAX, PiiType.MRN, PiiType.HEALTH_PLAN_ID, PiiType.MEDICARE_MBI,
                PiiType.BANK_ROUTING, PiiType.ACCOUNT_NUMBER, PiiType.LICENSE_NUMBER, PiiType.ZIP, PiiType.URL,
                PiiType.IP_ADDRESS, PiiType.NPI, PiiType.DEA, PiiType.VIN, PiiType.NUMBER);
        assertThat(FormatDetectors.all()).extracting(Detector::name).doesNotHaveDuplicates();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormatDetectors.all().add(new SsnDetector()))
                .as("the shared detector list cannot be changed by a caller")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void intakeNoteWithEveryKindOfIdentifier() {
        String note = """
                Patient intake. MRN: 00123456. SSN 123-45-6789. Medicare 1EG4-TE5-MK73.
                Member ID: XYZ123456789. Phone (555) 234-5678, Fax: 555-234-5679, email jane.doe@example.org.
                Address: 12 Oak St, Springfield, IL 62704. Portal https://portal.example.org/p/1 from 10.20.30.40.
                Card 4111 1111 1111 1111; IBAN DE89 3704 0044 0532 0130 00; routing 021000021, acct 12345678.
                Prescriber NPI 1234567893, DEA BJ6125341. Vehicle VIN 1M8GDM9AXKP042788. DL# D1234567.
                """;
        List<Finding> findings = detectAll(note);
        double reported = 0.5;
        assertThat(covered(note, findings, PiiType.MRN, reported)).containsExactly("00123456");
        assertThat(covered(note, findings, PiiType.SSN, reported)).containsExactly("123-45-6789");
        assertThat(covered(note, findings, PiiType.MEDICARE_MBI, reported)).containsExactly("1EG4-TE5-MK73");
        assertThat(covered(note, findings, PiiType.HEALTH_PLAN_ID, reported)).containsExactly("XYZ123456789");
        assertThat(covered(note, findings, PiiType.PHONE, reported)).containsExactly("(555) 234-5678");
        assertThat(covered(note, findings, PiiType.FAX, reported)).containsExactly("555-234-5679");
        assertThat(covered(note, findings, PiiType.EMAIL, reported)).containsExactly("jane.doe@example.org");
        assertThat(covered(note, findings, PiiType.ZIP, reported)).containsExactly("62704");
        assertThat(covered(note, findings, PiiType.URL, reported)).containsExactly("https://portal.example.org/p/1");
        assertThat(covered(note, findings, PiiType.IP_ADDRESS, reported)).containsExactly("10.20.30.40");
        assertThat(covered(note, findings, PiiType.CREDIT_CARD, reported)).containsExactly("4111 1111 1111 1111");
        assertThat(covered(note, findings, PiiType.IBAN, reported)).containsExactly("DE89 3704 0044 0532 0130 00");
        assertThat(covered(note, findings, PiiType.BANK_ROUTING, reported)).containsExactly("021000021");
        assertThat(covered(note, findings, PiiType.ACCOUNT_NUMBER, reported)).containsExactly("12345678");
        assertThat(covered(note, findings, PiiType.NPI, reported)).containsExactly("1234567893");
        assertThat(covered(note, findings, PiiType.DEA, reported)).containsExactly("BJ6125341");
        assertThat(covered(note, findings, PiiType.VIN, reported)).containsExactly("1M8GDM9AXKP042788");
        assertThat(covered(note, findings, PiiType.LICENSE_NUMBER, reported)).containsExactly("D1234567");
    }

    @Test
    void clinicalLookAlikesScoreBelowTheReportingThreshold() {
        String note = """
                Assessment: CPT 99213, 99214; ICD-10 E11.9, I25.10, J45.909. HbA1c 7.2%, LDL 130 mg/dL,
                eGFR 58 mL/min/1.73m2. BP 120/80, HR 72, Temp 98.6 F, SpO2 97%. Order 4471-22, Rx #553201,
                Ticket #1234-5678, NDC 12345-6789-01, EIN 12-3456789. Seen 2024-01-15 and 01/15/2024 at 10:30 AM.
                App v1.2.3, build 4.15.2, version 10.4.12. Metformin 500 mg BID, #60, 3 refills. $1,234.56 due.
                Room 412, bed 12B, page 2 of 5. 45-year-old, qty 90, 2 tabs, 0.5 mL.
                """;
        List<Finding> reportable = detectAll(note).stream()
                .filter(f -> f.score() >= 0.5 && f.type() != PiiType.NUMBER).toList();
        assertThat(reportable).as("findings other than STRICT-only NUMBER").isEmpty();
    }
}

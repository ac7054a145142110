package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabeledIdDetectorTest {

    private final LabeledIdDetector detector = new LabeledIdDetector();

    @Test
    void mrnHasExactSpanAndLabelScore() {
        Finding finding = single(detector, "MRN: 00123456, admitted", "00123456");
        assertThat(finding.type()).isEqualTo(PiiType.MRN);
        assertThat(finding.start()).isEqualTo(5);
        assertThat(finding.end()).isEqualTo(13);
        assertThat(finding.score()).isEqualTo(LabeledIdDetector.SCORE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MRN 12345678|12345678|MRN",
        "mrn#E1234567|E1234567|MRN",
        "Medical record number: MR1234567|MR1234567|MRN",
        "medical record no. 123-45-67|123-45-67|MRN",
        "MR# 00987654|00987654|MRN",
        "Chart #: A-55321|A-55321|MRN",
        "chart number 8812345|8812345|MRN",
        "Patient ID: 40012345|40012345|MRN",
        "Member ID: XYZ123456789|XYZ123456789|HEALTH_PLAN_ID",
        "member # W123456789|W123456789|HEALTH_PLAN_ID",
        "Subscriber ID A12345678-01|A12345678-01|HEALTH_PLAN_ID",
        "Policy Number: AB1234567|AB1234567|HEALTH_PLAN_ID",
        "policy no. PLC-20931|PLC-20931|HEALTH_PLAN_ID",
        "Beneficiary ID 7GH22019|7GH22019|HEALTH_PLAN_ID",
        "Health plan ID: HP99887766|HP99887766|HEALTH_PLAN_ID",
        "Account: 12345678|12345678|ACCOUNT_NUMBER",
        "acct # 0012345678|0012345678|ACCOUNT_NUMBER",
        "account number is 1234-5678-90|1234-5678-90|ACCOUNT_NUMBER",
        "Driver's license: D1234567|D1234567|LICENSE_NUMBER",
        "driver’s licence no. S530-4821-7790|S530-4821-7790|LICENSE_NUMBER",
        "DL# A123-456-78-901-2|A123-456-78-901-2|LICENSE_NUMBER",
        "DL: 123 456 789|123 456 789|LICENSE_NUMBER",
        "License No. MD123456|MD123456|LICENSE_NUMBER",
        "Certificate number: C-884421|C-884421|LICENSE_NUMBER",
        "certification # RN445566|RN445566|LICENSE_NUMBER",
        "License plate: 7ABC123|7ABC123|LICENSE_NUMBER"})
    void labelsAndTheIdsAfterThem(String text, String id, PiiType type) {
        Finding finding = single(detector, text + " end", id);
        assertThat(finding.type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "member since 2019", // no qualifier after an ordinary word
        "policy 2020-01-01", "the chart 12345", "patient 12345678", "certificate 44556677",
        "group number 12345678", // group numbers identify an employer plan, not a person
        "MRN: 1", "MRN: 123", "MRN: ABCDEFG", "MRN: A1BCDEFG", // too short or fewer than two digits
        "MRN: 123456789012345678901", // longer than 20
        "account opened 2023-01-05", "account: 2023-01-05", "account: 01-05-2023", // dates
        "accountant 12345678", "licensed 12345678", "Mr 12345678", "xMRN 12345678", "MRN 12345678x9_",
        "Order 4471-22", "CPT 99213", "ICD-10 E11.9"})
    void noIdWithoutAProperLabel(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void aBareIdLabelTakesItsTypeFromTheMemberOrPatientBeforeIt() {
        String claim = "Claim 2206 | member Titus Haag | ID SB0436566 | DOS Aug. 15, 2020";
        assertThat(single(detector, claim, "SB0436566").type()).isEqualTo(PiiType.HEALTH_PLAN_ID);
        String note = "Patient: Ann Lee, ID# 40012345, seen today";
        assertThat(single(detector, note, "40012345").type()).isEqualTo(PiiType.MRN);
        // a compound label names another kind of id
        assertThat(run(detector, "Tax ID 12-3456789")).isEmpty();
        assertThat(run(detector, "Transaction ID ABC12345")).isEmpty();
        assertThat(run(detector, "order id: 55667788")).isEmpty();
    }

    @Test
    void aBareIdWithNoContextIsAWeakerMemberId() {
        Finding finding = single(detector, "needs a ride to the appt, my id# W884350866 thx", "W884350866");
        assertThat(finding.type()).isEqualTo(PiiType.HEALTH_PLAN_ID);
        assertThat(finding.score()).isEqualTo(LabeledIdDetector.UNQUALIFIED_ID);
        assertThat(single(detector, "ID: A82953899-29", "A82953899-29").score())
                .isEqualTo(LabeledIdDetector.UNQUALIFIED_ID);
        assertThat(single(detector, "hey this is Coralee id# W186789336", "W186789336").score())
                .isEqualTo(LabeledIdDetector.UNQUALIFIED_ID);
        assertThat(run(detector, "id 12")).isEmpty();
    }

    @Test
    void spacedDigitGroupsMustKeepOneSize() {
        assertThat(covered(detector, "MRN 00123456 123 Main St")).containsExactly("00123456");
        assertThat(covered(detector, "DL 123 456 789 issued")).isEmpty(); // "DL" needs a qualifier
        assertThat(covered(detector, "DL no 123 456 789 issued")).containsExactly("123 456 789");
        assertThat(covered(detector, "acct 1234 5678 9012, thanks")).containsExactly("1234 5678 9012");
    }

    @Test
    void severalLabelledIdsInOneNote() {
        String note = "MRN 00123456; Member ID XYZ123456789; Acct: 99887766; DL# D1234567.";
        assertThat(run(detector, note)).extracting(Finding::type).containsExactly(PiiType.MRN,
                PiiType.HEALTH_PLAN_ID, PiiType.ACCOUNT_NUMBER, PiiType.LICENSE_NUMBER);
        assertThat(covered(detector, note)).containsExactly("00123456", "XYZ123456789", "99887766", "D1234567");
    }
}

package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.scored;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameDetectorTest {

    private final PersonNameDetector detector = new PersonNameDetector();

    // --- titles

    @Test
    void titledNameExcludesTheTitle() {
        String text = "Seen today by Dr. Maria Gonzalez for follow-up.";
        Finding finding = single(detector, text, "Maria Gonzalez");
        assertThat(finding.type()).isEqualTo(PiiType.PERSON);
        assertThat(finding.start()).isEqualTo(18);
        assertThat(finding.end()).isEqualTo(32);
        assertThat(finding.score()).isEqualTo(PersonNameDetector.TITLED);
        assertThat(finding.detector()).isEqualTo("person-name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dr. ", "Dr ", "Mr. ", "Mrs. ", "Ms. ", "Ms ", "Miss ", "Prof. ", "Nurse ", "dr. "})
    void everyTitleCuesTheNameAfterIt(String title) {
        assertThat(scoreOf(detector, "call " + title + "Okonkwo today", "Okonkwo"))
                .isEqualTo(PersonNameDetector.TITLED);
    }

    @Test
    void titledNameNeedNotBeInTheLexicon() {
        assertThat(covered(detector, "Dr. Zbigniew Brzezinski-Kowal called."))
                .containsExactly("Zbigniew Brzezinski-Kowal");
    }

    @Test
    void titledNameKeepsInitialsAndGenerationalSuffix() {
        assertThat(covered(detector, "Referred to Dr. James T. Kirk, MD yesterday")).containsExactly("James T. Kirk");
        assertThat(covered(detector, "Mr. John Smith Jr. will attend")).containsExactly("John Smith Jr.");
        assertThat(covered(detector, "Dr. J. Okafor signed")).containsExactly("J. Okafor");
        assertThat(covered(detector, "Mr. Henry Ford III arrived")).containsExactly("Henry Ford III");
    }

    @Test
    void possessiveIsLeftOutOfTheSpan() {
        assertThat(covered(detector, "Dr. Smith's office called back")).containsExactly("Smith");
        assertThat(covered(detector, "Dr. O'Connor's nurse")).containsExactly("O'Connor");
    }

    @Test
    void titleWithoutACapitalizedNameFindsNothing() {
        assertThat(run(detector, "the Dr. is in; ask the nurse; I miss you")).isEmpty();
        assertThat(run(detector, "Nurse Practitioner on call")).isEmpty();
    }

    @Test
    void drAfterAHouseNumberIsDriveNotDoctor() {
        assertThat(run(detector, "Lives at 120 Oak Dr. Okonkwo was visiting")).isEmpty();
    }

    @Test
    void nameDoesNotRunIntoTheNextSentenceOrLine() {
        assertThat(covered(detector, "Dr. Okafor. Then the patient left")).containsExactly("Okafor");
        assertThat(covered(detector, "Dr. Okafor\nDischarge Summary")).containsExactly("Okafor");
    }

    // --- labels

    @Test
    void lastCommaFirstAfterALabelScoresAsLabeled() {
        assertThat(scored(detector, "Patient: Smith, John")).containsExactly("Smith, John@0.85");
        assertThat(scored(detector, "Patient: SMITH, JOHN A.")).containsExactly("SMITH, JOHN@0.85");
        assertThat(scored(detector, "Member: Nguyen, Thi Mai")).containsExactly("Nguyen, Thi Mai@0.85");
    }

    @Test
    void credentialAfterACommaIsNotAGivenName() {
        assertThat(covered(detector, "Provider: Gonzalez, MD")).containsExactly("Gonzalez");
        assertThat(covered(detector, "Provider: Gonzalez, RN, reviewed")).containsExactly("Gonzalez");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient: ", "Pt: ", "Name: ", "Patient Name: ", "Member: ", "Provider: ", "Referred by ",
            "seen by ", "spoke with ", "PATIENT: "})
    void everyLabelCuesAKnownName(String label) {
        assertThat(scoreOf(detector, label + "Jane Okafor, 45F", "Jane Okafor")).isEqualTo(PersonNameDetector.LABELED);
    }

    @Test
    void labelsMayPutTheNameOnTheNextLine() {
        assertThat(covered(detector, "Patient:\nJane Doe\nDOB: 01/02/1950")).containsExactly("Jane Doe");
    }

    @Test
    void nameAfterALabelStopsAtTheNextFieldLabel() {
        assertThat(covered(detector, "Patient: John Smith DOB: 03/14/1962 MRN 12345")).containsExactly("John Smith");
        assertThat(covered(detector, "Pt: Mary Lee Age: 45 Sex: F")).containsExactly("Mary Lee");
    }

    @Test
    void labelThatMayIntroduceAnOrganizationScoresLowerWithoutAKnownName() {
        assertThat(scored(detector, "Provider: Kaiser Permanente")).containsExactly("Kaiser Permanente@0.60");
        assertThat(scored(detector, "Name: Zorblat Quimby")).containsExactly("Zorblat Quimby@0.85");
        assertThat(PersonNameDetector.LABELED_UNKNOWN).isLessThan(PersonNameDetector.LABELED);
    }

    @Test
    void initialsMakeAnUnknownNameLookLikeOne() {
        assertThat(scored(detector, "Provider: Zed Q. Zorblat")).containsExactly("Zed Q. Zorblat@0.85");
    }

    @Test
    void greetingsAndSignOffsCueTheNameAfterThem() {
        assertThat(scored(detector, "Dear Mayola,\n\nYour order shipped.")).containsExactly("Mayola@0.60");
        assertThat(scored(detector, "Hi Maria, thanks")).containsExactly("Maria@0.85");
        assertThat(scored(detector, "Sincerely,\nVernita Pacocha\nOffice Manager"))
                .containsExactly("Vernita Pacocha@0.60");
        assertThat(covered(detector, "Best regards,\nLynn Smith\nBilling")).containsExactly("Lynn Smith");
        assertThat(covered(detector, "Thank you, Dr. Lee")).containsExactly("Lee");
        assertThat(run(detector, "Dear Sir or Madam, Hello Team, Hi All, thanks for calling")).isEmpty();
    }

    @Test
    void labelsWithoutAColonNeedANameThatShowsItself() {
        assertThat(scored(detector, "member Reynolds, Jamie | member Perry Murray | Pt Zenobia O. Schowalter"))
                .containsExactly("Reynolds, Jamie@0.85", "Perry Murray@0.85", "Zenobia O. Schowalter@0.85");
        assertThat(covered(detector, "the patient John said")).containsExactly("John");
        assertThat(run(detector, "Patient Education Materials; patient Will be seen; Member Services")).isEmpty();
    }

    @Test
    void relativesAndCarersNeedNoColon() {
        assertThat(scored(detector, "daughter Bobbye Boyle visits weekly; caregiver Wilber A. Wyman helps"))
                .containsExactly("Bobbye Boyle@0.60", "Wilber A. Wyman@0.85");
        assertThat(covered(detector, "her husband John Okafor called")).containsExactly("John Okafor");
        assertThat(run(detector, "son Monday; wife, who")).isEmpty();
    }

    @Test
    void chatSelfIntroductions() {
        assertThat(covered(detector, "hey this is Porter Heaney, hi its Eufemia thanks. Hi, I'm Jane Doe"))
                .containsExactly("Porter Heaney", "Eufemia", "Jane Doe");
        assertThat(covered(detector, "Member: This is Lou Douglas u can text me")).containsExactly("Lou Douglas");
        assertThat(run(detector, "this is Tuesday; hi there; this is the nurse")).isEmpty();
    }

    @Test
    void signatureAfterADashDashLine() {
        assertThat(scored(detector, "Thanks for your help.\n\n--\nGlennie Metz\nBilling Specialist"))
                .containsExactly("Glennie Metz@0.60");
    }

    @Test
    void credentialAfterACommaShowsAnUnlistedName() {
        assertThat(scored(detector, "-- Richie Kerluke, MD 2021-02-25")).containsExactly("Richie Kerluke@0.85");
        assertThat(covered(detector, "Shirly V. Ryan, PA-C; Na Breitenberg, DO; Lan Luettgen, M.D.; Ana Li, RN"))
                .containsExactly("Shirly V. Ryan", "Na Breitenberg", "Lan Luettgen", "Ana Li");
        assertThat(covered(detector, "Seen Richie Kerluke, MD today")).containsExactly("Richie Kerluke");
    }

    @Test
    void stateAfterAPlaceIsNotACredential() {
        assertThat(run(detector, "Silver Spring, MD 20910; College Park, MD; Ocean City, MD; Kansas City, MO"))
                .isEmpty();
    }

    @Test
    void birthDateOrAgeAfterTheWordsShowsAnUnlistedName() {
        assertThat(scored(detector, "statement for Aide Feil (DOB 1977-02-21)")).containsExactly("Aide Feil@0.80");
        assertThat(scored(detector, "statement for ROBERTS, LEANN (DOB 6/27/2000)"))
                .containsExactly("ROBERTS, LEANN@0.80");
        assertThat(scored(detector, "Marya Dibbert, DOB: 7/19/1950")).containsExactly("Marya Dibbert@0.80");
        assertThat(scored(detector, "HPI: Zenobia is a 94 year old F")).containsExactly("Zenobia@0.80");
        assertThat(run(detector, "Pt is a 45 yo. She is a 45 yo. The Patient is a 45 yo")).isEmpty();
    }

    @Test
    void unlistedNamesAfterAColonlessLabelNeedSuchEvidence() {
        assertThat(run(detector, "Rendering provider Vanesa Mertz, NPI 1974981180")).isEmpty();
        assertThat(covered(detector, "Rendering provider Abbott, Hilaria, NPI 1")).containsExactly("Abbott, Hilaria");
    }

    @Test
    void titleAfterALabelIsExcludedAndScoresAsTitled() {
        assertThat(scored(detector, "seen by Dr. Maria Gonzalez today")).containsExactly("Maria Gonzalez@0.90");
        assertThat(scored(detector, "Provider: Dr. Kim")).containsExactly("Kim@0.90");
    }

    @Test
    void labelFollowedByClinicalWordsFindsNothing() {
        assertThat(run(detector, "Patient: Alert and oriented. Patient: 45 yo male. Provider: Primary Care")).isEmpty();
        assertThat(run(detector, "The patient was seen by the nurse and spoke with pharmacy")).isEmpty();
    }

    @Test
    void myNameIsAcceptsKnownNamesInLowerCase() {
        assertThat(scored(detector, "hi, my name is john smith and I need help"))
                .containsExactly("john smith@0.85");
        assertThat(run(detector, "my name is not important")).isEmpty();
    }

    // --- lexicon

    @Test
    void knownGivenNameBeforeACapitalizedWordScoresFirstAndLast() {
        assertThat(scored(detector, "I met John Smith yesterday")).containsExactly("John Smith@0.75");
        assertThat(scored(detector, "I met Priya Zylberstein yesterday")).containsExactly("Priya Zylberstein@0.75");
    }

    @Test
    void middleInitialsAndMiddleNamesStayInsideTheSpan() {
        assertThat(covered(detector, "Signed, John Q. Public, on file")).containsExactly("John Q. Public");
        assertThat(covered(detector, "Mother is Mary Ann Smith-Jones.")).containsExactly("Mary Ann Smith-Jones");
        assertThat(covered(detector, "with Linda K Tran present")).containsExactly("Linda K Tran");
    }

    @Test
    void fullNameAtTheStartOfASentenceIsStillAName() {
        assertThat(scored(detector, "John Smith called the clinic.")).containsExactly("John Smith@0.75");
    }

    @Test
    void loneKnownSurnameIsWeak() {
        assertThat(scored(detector, "Please call Okafor tomorrow")).containsExactly("Okafor@0.35");
        assertThat(PersonNameDetector.LONE_NAME).isLessThan(0.5);
    }

    @Test
    void loneNameStartingASentenceIsNotReported() {
        assertThat(run(detector, "Okafor called. Nguyen said so")).isEmpty();
    }

    @Test
    void commonWordNamesNeedAListedSurnameAfterThem() {
        assertThat(run(detector, "Will you call? May I come? Mark the box. Grace period ends")).isEmpty();
        assertThat(run(detector, "we will go in May and mark it")).isEmpty();
        assertThat(covered(detector, "Will Smith called, and so did June Carter"))
                .containsExactly("Will Smith", "June Carter");
        assertThat(covered(detector, "Yesterday Mark Johnson and Will Metformin")).containsExactly("Mark Johnson");
    }

    @Test
    void commonWordSurnamesAloneAreNotReported() {
        assertThat(run(detector, "Brown discharge noted, White count normal, see Young")).isEmpty();
    }

    @Test
    void drugNamesAreNeverNames() {
        assertThat(run(detector, "Metformin 500 mg and Lisinopril daily. Started Atorvastatin; continue Eliquis."))
                .isEmpty();
        assertThat(run(detector, "Dr. Metformin")).isEmpty();
        assertThat(covered(detector, "gave Lisa Metoprolol")).doesNotContain("Lisa Metoprolol");
    }

    @Test
    void weekdaysAndMonthsAreNotNames() {
        assertThat(run(detector, "Seen Monday. Return in March or October; Tuesday is fine")).isEmpty();
    }

    @Test
    void eponymousDiseasesAreNotPeople() {
        assertThat(run(detector, "History of Parkinson's disease, Crohn's and Bell's palsy")).isEmpty();
        assertThat(run(detector, "rule out Wilson's disease; known Wilson disease; Murphy's sign positive")).isEmpty();
        assertThat(run(detector, "Lou Gehrig's disease and Huntington's chorea")).isEmpty();
    }

    @Test
    void namesOfPlacesAndOrganizationsAreNotPeople() {
        assertThat(run(detector, "She works at Austin Regional Clinic")).isEmpty();
        assertThat(run(detector, "Transferred to John Hopkins Hospital")).isEmpty();
        assertThat(run(detector, "lives on Jackson Street near Virginia Beach")).isEmpty();
        assertThat(run(detector, "moving to Austin Texas")).isEmpty();
    }

    @Test
    void capitalizedSentenceStartsAndHeadingsAreNotNames() {
        assertThat(run(detector, "Chief Complaint: chest pain. History Of Present Illness. Plan: follow up")).isEmpty();
        assertThat(run(detector, "MARK AS READ. JOHN SMITH")).isEmpty();
    }

    @Test
    void severalNamesInOneText() {
        String text = "Patient: Doe, Jane. Seen by Dr. Ahmed; spoke with Carlos Rivera and Mrs. Chen.";
        assertThat(scored(detector, text))
                .containsExactly("Doe, Jane@0.85", "Ahmed@0.90", "Carlos Rivera@0.85", "Chen@0.90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A ", "Dr. ", "Patient: ", "John ", "Smith, ", "J. ", "'", "Hi ", "member Zed Q. ",
            "Ann Lee, MD "})
    void hostileInputsFinishInLinearTime(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> count(detector, text));
    }
}

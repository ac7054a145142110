package dev.parley.pii.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus is only worth its labels: these tests check that spans sit exactly on the inserted values, that checksum
 * ids really pass their checksums (verified here with implementations independent of {@link Checksummed}), that a
 * seed fixes the corpus, and that negatives carry no label.
 */
class CorpusGeneratorTest {

    private static final int CHECKSUM_SAMPLES = 2_000;
    private static List<LabeledText> corpus;

    @BeforeAll
    static void generateOnce() {
        corpus = new CorpusGenerator(11L).generate(1_500);
    }

    // ---- the corpus

    @Test
    void sameSeedGivesTheSameCorpusAndAnotherSeedAnother() {
        List<LabeledText> first = new CorpusGenerator(42L).generate(300);
        List<LabeledText> again = new CorpusGenerator(42L).generate(300);
        List<LabeledText> other = new CorpusGenerator(43L).generate(300);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everySpanLiesInsideItsTextSortedAndDisjoint() {
        assertThat(corpus).isNotEmpty().allSatisfy(document -> {
            int previousEnd = 0;
            for (LabeledText.Span span : document.spans()) {
                assertThat(span.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(span.end()).isGreaterThan(span.start()).isLessThanOrEqualTo(document.text().length());
                previousEnd = span.end();
            }
        });
    }

    @Test
    void everySpanCoversExactlyOneWholeValueOfItsType() {
        for (LabeledText document : corpus) {
            String text = document.text();
            for (LabeledText.Span span : document.spans()) {
                String value = span.coveredText(text);
                String where = span.type() + " '" + value + "' in: " + text;
                assertThat(value).as(where).isEqualTo(value.strip()).doesNotContain("\n");
                // a span neither starts nor ends inside a word or number: it was not cut from a longer token
                if (span.start() > 0) {
                    assertThat(Character.isLetterOrDigit(text.charAt(span.start() - 1))).as(where).isFalse();
                }
                if (span.end() < text.length()) {
                    assertThat(Character.isLetterOrDigit(text.charAt(span.end()))).as(where).isFalse();
                }
                assertThat(hasTheShapeOf(span.type(), value)).as(where).isTrue();
            }
        }
    }

    @Test
    void builderLabelsExactlyWhatWasAppended() {
        LabeledText document = new LabeledTextBuilder()
                .text("thanks 🙏 call ").value(PiiType.PHONE, "617-555-0142")
                .text(" or mail ").value(PiiType.EMAIL, "jo@example.com").text(".")
                .build(DocumentKind.CHAT_MESSAGE);

        assertThat(document.spans()).extracting(span -> span.coveredText(document.text()))
                .containsExactly("617-555-0142", "jo@example.com");
    }

    @Test
    void corpusCoversEveryKindAndEveryLabeledType() {
        Set<DocumentKind> kinds = corpus.stream().map(LabeledText::kind).collect(Collectors.toSet());
        Set<PiiType> types = corpus.stream().flatMap(document -> document.spans().stream())
                .map(LabeledText.Span::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(PiiType.class)));

        assertThat(kinds).containsExactlyInAnyOrder(DocumentKind.values());
        assertThat(types).containsExactlyInAnyOrder(
                PiiType.PERSON, PiiType.ADDRESS, PiiType.DATE, PiiType.AGE, PiiType.PHONE, PiiType.FAX,
                PiiType.EMAIL, PiiType.URL, PiiType.IP_ADDRESS, PiiType.SSN, PiiType.MRN, PiiType.HEALTH_PLAN_ID,
                PiiType.MEDICARE_MBI, PiiType.NPI, PiiType.DEA, PiiType.CREDIT_CARD, PiiType.IBAN,
                PiiType.BANK_ROUTING, PiiType.ACCOUNT_NUMBER, PiiType.LICENSE_NUMBER, PiiType.VIN, PiiType.ZIP);
    }

    @Test
    void lookAlikeNegativesCarryNoSpans() {
        List<LabeledText> negatives = new CorpusGenerator(5L).generate(300, DocumentKind.LOOK_ALIKE_NEGATIVES);

        assertThat(negatives).allSatisfy(document -> {
            assertThat(document.text()).isNotBlank();
            assertThat(document.spans()).isEmpty();
        });
        assertThat(corpus).filteredOn(document -> document.kind() == DocumentKind.LOOK_ALIKE_NEGATIVES)
                .isNotEmpty().allSatisfy(document -> assertThat(document.spans()).isEmpty());
    }

    // ---- checksum generators, checked independently

    @Test
    void ssnsRespectTheSsaRules() {
        Checksummed ids = new Checksummed(new Random(1));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            assertThat(isValidSsn(ids.ssn())).isTrue();
        }
    }

    @Test
    void cardNumbersAreLuhnValidWithTheirIssuersPrefixAndLength() {
        Checksummed ids = new Checksummed(new Random(2));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            for (Checksummed.CardIssuer issuer : Checksummed.CardIssuer.values()) {
                String card = ids.cardNumber(issuer);
                assertThat(isLuhnValid(card)).as(card).isTrue();
                assertThat(card).hasSize(issuer.length()).matches(switch (issuer) {
                    case VISA -> "4\\d{15}";
                    case MASTERCARD -> "(5[1-5]\\d{14}|2(22[1-9]|2[3-9]\\d|[3-6]\\d\\d|7[01]\\d|720)\\d{12})";
                    case AMEX -> "3[47]\\d{13}";
                    case DISCOVER -> "(6011\\d{12}|65\\d{14}|64[4-9]\\d{13})";
                });
            }
        }
    }

    @Test
    void ibansAreOneModNinetySeven() {
        Checksummed ids = new Checksummed(new Random(3));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String iban = ids.iban();
            assertThat(isValidIban(iban)).as(iban).isTrue();
        }
    }

    @Test
    void routingNumbersPassTheAbaCheck() {
        Checksummed ids = new Checksummed(new Random(4));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String routing = ids.abaRouting();
            assertThat(isValidAba(routing)).as(routing).isTrue();
        }
    }

    @Test
    void npisPassTheLuhnCheckWithPrefix80840() {
        Checksummed ids = new Checksummed(new Random(5));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String npi = ids.npi();
            assertThat(isValidNpi(npi)).as(npi).isTrue();
        }
    }

    @Test
    void deaNumbersCarryTheInitialAndACorrectCheckDigit() {
        Checksummed ids = new Checksummed(new Random(6));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String dea = ids.dea('k');
            assertThat(dea.charAt(1)).isEqualTo('K');
            assertThat(isValidDea(dea)).as(dea).isTrue();
        }
    }

    @Test
    void vinsHaveAValidIso3779CheckDigit() {
        Checksummed ids = new Checksummed(new Random(7));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String vin = ids.vin();
            assertThat(isValidVin(vin)).as(vin).isTrue();
        }
    }

    @Test
    void mbisFollowTheCmsFormat() {
        Checksummed ids = new Checksummed(new Random(8));
        for (int i = 0; i < CHECKSUM_SAMPLES; i++) {
            String mbi = ids.mbi();
            assertThat(MBI.matcher(mbi).matches()).as(mbi).isTrue();
        }
    }

    @Test
    void theIndependentValidatorsAcceptPublishedExamplesAndRejectAlteredOnes() {
        assertThat(isLuhnValid("4111111111111111")).isTrue();
        assertThat(isLuhnValid("4111111111111112")).isFalse();
        assertThat(isValidIban("GB82WEST12345698765432")).isTrue();
        assertThat(isValidIban("GB82WEST12345698765433")).isFalse();
        assertThat(isValidAba("011000015")).isTrue();
        assertThat(isValidAba("011000016")).isFalse();
        assertThat(isValidNpi("1234567893")).isTrue();
        assertThat(isValidNpi("1234567894")).isFalse();
        assertThat(isValidDea("AB1234563")).isTrue();
        assertThat(isValidDea("AB1234564")).isFalse();
        assertThat(isValidVin("1M8GDM9AXKP042788")).isTrue();
        assertThat(isValidVin("1M8GDM9A1KP042788")).isFalse();
        assertThat(MBI.matcher("1EG4TE5MK73").matches()).isTrue();
        assertThat(MBI.matcher("1SG4TE5MK73").matches()).isFalse();
        assertThat(isValidSsn("078051120")).isTrue();
        assertThat(isValidSsn("666051120")).isFalse();
        assertThat(isValidSsn("900051120")).isFalse();
        assertThat(isValidSsn("078001120")).isFalse();
        assertThat(isValidSsn("078050000")).isFalse();
    }

    // ---- shapes of labeled values

    private static final List<DateTimeFormatter> DATE_SHAPES = List.of(
            "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMM yyyy",
            "MM-dd-yyyy", "MMM. d, yyyy")
            .stream().map(pattern -> DateTimeFormatter.ofPattern(pattern, Locale.US)).toList();
    /** CMS letters: never S, L, O, I, B, Z. */
    private static final String MBI_LETTER = "[AC-HJKMNP-RT-Y]";
    private static final String MBI_LETTER_OR_DIGIT = "[AC-HJKMNP-RT-Y0-9]";
    private static final Pattern MBI = Pattern.compile("[1-9]" + MBI_LETTER + MBI_LETTER_OR_DIGIT + "\\d"
            + MBI_LETTER + MBI_LETTER_OR_DIGIT + "\\d" + MBI_LETTER + MBI_LETTER + "\\d{2}");
    private static final Pattern PHONE = Pattern.compile("[+\\d(][\\d() .+-]*\\d");
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Z0-9][A-Z0-9 -]*[0-9]");

    private static boolean hasTheShapeOf(PiiType type, String value) {
        String compact = value.replaceAll("[ -]", "");
        return switch (type) {
            case SSN -> value.matches("\\d{3}([- ]?)\\d{2}\\1\\d{4}") && isValidSsn(compact);
            case CREDIT_CARD -> value.matches("\\d[\\d -]+\\d") && isLuhnValid(compact)
                    && (compact.length() == 15 || compact.length() == 16);
            case IBAN -> isValidIban(compact);
            case BANK_ROUTING -> isValidAba(value);
            case NPI -> isValidNpi(value);
            case DEA -> isValidDea(value);
            case VIN -> isValidVin(value);
            case MEDICARE_MBI -> value.matches("[0-9A-Z]{11}|[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{4}")
                    && MBI.matcher(compact).matches();
            case EMAIL -> value.matches("[a-z0-9._]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");
            case URL -> value.matches("(https?://|www\\.)[A-Za-z0-9./?=_-]*[A-Za-z0-9/]");
            case IP_ADDRESS -> value.matches("(\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f:]+:[0-9a-f:]+");
            case PHONE, FAX -> {
                String number = value.replaceFirst(" ext\\. \\d+$", "");
                yield PHONE.matcher(number).matches() && digitCount(number) >= 10 && digitCount(number) <= 11;
            }
            case DATE -> DATE_SHAPES.stream().anyMatch(format -> parses(format, value));
            case AGE -> value.matches("\\d{2,3}") && Integer.parseInt(value) > 89;
            case ZIP -> ZIP.matcher(value).matches();
            case ADDRESS -> value.matches("(\\d+|P\\.?O\\.? Box) .*[A-Za-z0-9.]");
            case PERSON -> value.matches("[A-Za-z][A-Za-z .,'-]*[A-Za-z]") && !value.matches("Dr[. ].*");
            case MRN, HEALTH_PLAN_ID, ACCOUNT_NUMBER, LICENSE_NUMBER -> PLAIN_ID.matcher(value).matches();
            default -> false;
        };
    }

    private static boolean parses(DateTimeFormatter format, String value) {
        try {
            format.parse(value);
            return true;
        } catch (DateTimeParseException notThisFormat) {
            return false;
        }
    }

    private static long digitCount(String value) {
        return value.chars().filter(Character::isDigit).count();
    }

    // ---- checksums, written independently of Checksummed

    private static boolean isValidSsn(String ssn) {
        if (!ssn.matches("\\d{9}")) {
            return false;
        }
        int area = Integer.parseInt(ssn.substring(0, 3));
        int group = Integer.parseInt(ssn.substring(3, 5));
        int serial = Integer.parseInt(ssn.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    private static boolean isLuhnValid(String digits) {
        if (!digits.matches("\\d+")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    private static boolean isValidIban(String iban) {
        if (!iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}")) {
            return false;
        }
        String rotated = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        rotated.chars().forEach(c -> numeric.append(Character.getNumericValue(c)));
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean isValidAba(String routing) {
        if (!routing.matches("(0[1-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)\\d{7}")) {
            return false;
        }
        int[] d = routing.chars().map(c -> c - '0').toArray();
        return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0;
    }

    private static boolean isValidNpi(String npi) {
        return npi.matches("[12]\\d{9}") && isLuhnValid("80840" + npi);
    }

    private static boolean isValidDea(String dea) {
        if (!dea.matches("[ABFGMPR][A-Z9]\\d{7}")) {
            return false;
        }
        int[] d = dea.substring(2).chars().map(c -> c - '0').toArray();
        return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6];
    }

    private static boolean isValidVin(String vin) {
        if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
            return false;
        }
        String weights = "8765432X098765432"; // X stands for 10
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = weights.charAt(i) == 'X' ? 10 : weights.charAt(i) - '0';
            sum += vinTransliteration(vin.charAt(i)) * weight;
        }
        int remainder = sum % 11;
        return vin.charAt(8) == (remainder == 10 ? 'X' : (char) ('0' + remainder));
    }

    private static int vinTransliteration(char c) {
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> c - '0';
        };
    }
}

package dev.parley.pii.corpus;

import java.util.List;
import java.util.Locale;

/**
 * Text that looks like an identifier but is not one: lab values, vitals, billing and diagnosis codes, order and
 * ticket numbers, versions, quantities, bare years, money, ages under 90. Each is what a naive pattern (digits with
 * slashes, dashes or dots) would flag, so the corpus measures precision where it is hardest to keep. No method here
 * ever returns a labeled value.
 */
final class LookAlikes {

    private static final List<String> ICD10 = List.of(
            "E11.9", "I10", "E78.5", "J45.909", "M54.5", "Z79.4", "F41.1", "K21.9", "N18.3", "E66.9", "R51.9",
            "Z00.00", "I25.10", "J44.1", "G47.33", "E03.9", "M17.11", "R07.9", "Z23");

    private static final List<String> CPT = List.of(
            "99213", "99214", "99203", "99395", "93000", "80053", "85025", "36415", "71046", "97110", "90471", "G0439");

    private final RandomDraws draw;

    LookAlikes(RandomDraws draw) {
        this.draw = draw;
    }

    String bloodPressure() {
        return draw.between(98, 168) + "/" + draw.between(58, 102);
    }

    String vitals() {
        return "BP " + bloodPressure() + ", HR " + draw.between(52, 118) + ", RR " + draw.between(12, 22)
                + ", Temp " + decimal(97.0, 100.9, 1) + " F, SpO2 " + draw.between(91, 100) + "%";
    }

    String labs() {
        return switch (draw.between(0, 4)) {
            case 0 -> "HbA1c " + decimal(5.1, 11.8, 1) + "%";
            case 1 -> "LDL " + draw.between(60, 210) + " mg/dL, HDL " + draw.between(28, 85) + " mg/dL";
            case 2 -> "eGFR " + draw.between(22, 110) + " mL/min/1.73m2, creatinine " + decimal(0.6, 2.9, 2);
            case 3 -> "WBC " + decimal(3.5, 14.9, 1) + " x10^9/L, Hgb " + decimal(9.0, 17.5, 1) + " g/dL, Plt "
                    + draw.between(140, 420);
            default -> "glucose " + draw.between(70, 320) + " mg/dL, K " + decimal(3.2, 5.6, 1) + " mmol/L, Na "
                    + draw.between(131, 146);
        };
    }

    String icd10() {
        return draw.pick(ICD10);
    }

    String cpt() {
        return draw.pick(CPT);
    }

    /** A national drug code, 5-4-2: it has the digit groups of a phone number but is a product code. */
    String ndc() {
        return draw.digits(5) + "-" + draw.digits(4) + "-" + draw.digits(2);
    }

    String dosage() {
        return draw.oneOf("5", "10", "20", "25", "40", "50", "81", "100", "250", "500", "850", "1000") + " mg "
                + draw.oneOf("PO daily", "BID", "TID", "q8h PRN", "at bedtime", "once weekly") + ", #"
                + draw.oneOf("30", "60", "90") + ", " + draw.between(0, 5) + " refills";
    }

    String orderNumber() {
        return draw.oneOf("Order #", "order no. ", "PO ", "Rx #", "Ref ", "Invoice ", "Ticket #", "Case ")
                + switch (draw.between(0, 3)) {
                    case 0 -> draw.letters(1) + "-" + draw.digits(6);
                    case 1 -> draw.digits(6);
                    case 2 -> draw.digits(4) + "-" + draw.digits(4);
                    default -> draw.letters(3) + draw.digits(5);
                };
    }

    String claimNumber() {
        return draw.oneOf("", "CLM-", "C") + draw.digits(draw.between(10, 13));
    }

    String version() {
        return draw.oneOf("v", "version ", "build ", "app ") + draw.between(1, 17) + "." + draw.between(0, 40) + "."
                + draw.between(0, 25);
    }

    String quantity() {
        return switch (draw.between(0, 3)) {
            case 0 -> draw.between(2, 12) + " units of insulin";
            case 1 -> "qty " + draw.between(1, 180);
            case 2 -> draw.between(1, 4) + " tabs";
            default -> decimal(0.5, 5.0, 1) + " mL";
        };
    }

    String bareYear() {
        return draw.oneOf("in ", "since ", "back in ", "during ", "from ") + draw.between(1985, 2024);
    }

    String amount() {
        int dollars = switch (draw.between(0, 3)) {
            case 0 -> draw.between(5, 99);
            case 1 -> draw.between(100, 999);
            case 2 -> draw.between(1_000, 9_999);
            default -> draw.between(10_000, 98_000);
        };
        return "$" + String.format(Locale.US, "%,d", dollars) + "." + draw.digits(2);
    }

    /** An age under 90 with its article ("a 45-year-old", "an 81 y/o"): not an identifier under Safe Harbor. */
    String youngerAge() {
        int age = draw.between(18, 89);
        boolean vowelSound = age == 18 || (age >= 80 && age <= 89);
        return (vowelSound ? "an " : "a ") + age + draw.oneOf("-year-old", " y/o", " yo", " year old");
    }

    String time() {
        return draw.between(1, 12) + ":" + draw.oneOf("00", "15", "30", "45", "05", "50")
                + draw.oneOf(" AM", " PM", "am", "pm");
    }

    String taxId() {
        return draw.digits(2) + "-" + draw.digits(7);
    }

    String lastFour() {
        return draw.digits(4);
    }

    String roomOrPage() {
        return switch (draw.between(0, 2)) {
            case 0 -> "room " + draw.between(100, 899);
            case 1 -> "page " + draw.between(1, 3) + " of " + draw.between(3, 9);
            default -> "bed " + draw.between(1, 40) + draw.oneOf("A", "B");
        };
    }

    String hba1c() {
        return decimal(5.1, 11.8, 1) + "%";
    }

    String percentage() {
        return decimal(0.5, 99.5, 1) + "%";
    }

    private String decimal(double low, double high, int places) {
        double value = low + draw.random().nextDouble() * (high - low);
        return String.format(Locale.US, "%." + places + "f", value);
    }
}

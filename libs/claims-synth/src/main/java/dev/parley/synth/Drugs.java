package dev.parley.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The NDCs members fill: maintenance drugs (30 and 90 days), a few acute ones (7 and 14 days) and specialty drugs. */
final class Drugs {

    static final List<Drug> ALL;
    private static final int[] CUMULATIVE_WEIGHTS;

    static {
        record Row(String ndc, String name, double price, String quantity, int daysSupply, int weight) {
        }
        Row[] rows = {
            new Row("00093505698", "atorvastatin 20 mg tablet", 12.50, "30", 30, 24),
            new Row("68180051301", "lisinopril 10 mg tablet", 8.75, "30", 30, 22),
            new Row("00093101701", "metformin 500 mg tablet", 9.20, "60", 30, 22),
            new Row("00093716701", "amlodipine 5 mg tablet", 9.60, "30", 30, 10),
            new Row("00378180101", "levothyroxine 50 mcg tablet", 14.30, "30", 30, 9),
            new Row("62175013643", "omeprazole 20 mg capsule", 16.40, "30", 30, 7),
            new Row("16729021401", "sertraline 50 mg tablet", 11.80, "30", 30, 7),
            new Row("00093736598", "losartan 50 mg tablet", 12.10, "30", 30, 6),
            new Row("59762502701", "gabapentin 300 mg capsule", 18.90, "90", 30, 5),
            new Row("00172208380", "hydrochlorothiazide 25 mg tablet", 7.40, "30", 30, 5),
            new Row("00093585101", "escitalopram 10 mg tablet", 13.50, "30", 30, 4),
            new Row("00093742656", "montelukast 10 mg tablet", 15.20, "30", 30, 4),
            new Row("00591379430", "rosuvastatin 10 mg tablet", 19.60, "30", 30, 3),
            new Row("62175061743", "pantoprazole 40 mg tablet", 17.30, "30", 30, 3),
            new Row("00093505610", "atorvastatin 20 mg tablet, 90 days", 28.00, "90", 90, 4),
            new Row("00093101710", "metformin 500 mg tablet, 90 days", 22.00, "180", 90, 4),
            new Row("68180051303", "lisinopril 10 mg tablet, 90 days", 19.00, "90", 90, 3),
            new Row("00088221905", "insulin glargine 100 units/mL pen", 310.00, "15", 30, 2),
            new Row("00003089321", "apixaban 5 mg tablet", 545.00, "60", 30, 2),
            new Row("00169413013", "semaglutide 1 mg pen", 935.00, "3", 30, 1),
            new Row("00074055402", "adalimumab 40 mg pen", 6922.00, "2", 30, 1),
            new Row("00093310905", "amoxicillin 500 mg capsule", 10.50, "21", 7, 5),
            new Row("00093716856", "azithromycin 250 mg tablet", 14.20, "6", 7, 3),
            new Row("00054001825", "prednisone 10 mg tablet", 8.10, "21", 14, 2),
            new Row("00093086401", "ciprofloxacin 500 mg tablet", 12.60, "28", 14, 2),
        };
        var drugs = new ArrayList<Drug>();
        var cumulative = new int[rows.length];
        int total = 0;
        for (Row row : rows) {
            if (!row.ndc.matches("[0-9]{11}") || drugs.stream().anyMatch(drug -> drug.ndc().equals(row.ndc))) {
                throw new IllegalStateException("NDCs must have 11 digits and be distinct: " + row.ndc);
            }
            total += row.weight;
            cumulative[drugs.size()] = total;
            drugs.add(new Drug(drugs.size(), row.ndc, row.name, Math.round(row.price * 100), row.quantity,
                row.daysSupply, row.weight));
        }
        ALL = List.copyOf(drugs);
        CUMULATIVE_WEIGHTS = cumulative;
    }

    private Drugs() {
    }

    static Drug pick(SplittableRandom random) {
        int ticket = random.nextInt(CUMULATIVE_WEIGHTS[CUMULATIVE_WEIGHTS.length - 1]);
        for (int i = 0; ; i++) {
            if (ticket < CUMULATIVE_WEIGHTS[i]) {
                return ALL.get(i);
            }
        }
    }
}
